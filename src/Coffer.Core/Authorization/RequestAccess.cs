using Coffer.Core.Accounts;
using Coffer.Core.Errors;

namespace Coffer.Core.Authorization;

/// <summary>
/// One request's authorization state: the request facts, the principal's identity policies (fetched once), and the
/// shared <see cref="PolicyCache"/>. Answers the step-11 question for resources as named and the step-14 question for
/// resolved resources.
/// </summary>
public sealed class RequestAccess(AccessRequest request, IReadOnlyList<PolicyDocument> identityPolicies, PolicyCache cache) : IResourceAccess
{
    /// <summary>The request as first evaluated (action, resource as named, principal, facts).</summary>
    public AccessRequest Request => request;

    /// <summary>The principal's identity policies.</summary>
    public IReadOnlyList<PolicyDocument> IdentityPolicies => identityPolicies;

    /// <summary>The decision for <paramref name="resource"/> without a resource policy (step 11: the resource as named).</summary>
    public AccessDecision DecideAsNamed(string resource) =>
        PolicyEvaluator.Evaluate(request.Resource == resource ? request : request with { Resource = resource }, identityPolicies, null);

    /// <inheritdoc />
    public IResourceAccess WithAction(string action) => new RequestAccess(request with { Action = action }, identityPolicies, cache);

    /// <inheritdoc />
    public void Authorize(string resourceArn, AccountId owner, string? storedPolicy, string? action = null)
    {
        var effective = request with { Resource = resourceArn, Action = action ?? request.Action };
        if (PolicyEvaluator.Evaluate(effective, identityPolicies, cache.ResourcePolicy(storedPolicy, owner)) != AccessDecision.Allowed)
        {
            throw new KmsException(KmsErrorCode.NoPermission, $"{effective.Action} on {resourceArn}");
        }
    }
}
