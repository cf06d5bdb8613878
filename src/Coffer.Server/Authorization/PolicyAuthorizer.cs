using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Server.Authentication;
using Coffer.Server.Binding;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Authorization;

/// <summary>
/// Step 11 with real policies: builds the request's <see cref="AccessRequest"/> (action <c>kms:&lt;Action&gt;</c>,
/// principal, source IP, time, TLS, EncryptionContext), fetches the principal's identity policies through
/// <see cref="IIdentityPolicySource"/>, and evaluates each resource as named with <see cref="PolicyEvaluator"/>.
/// </summary>
public sealed class PolicyAuthorizer(IIdentityPolicySource identities, PolicyCache cache, KmsOptions options, TimeProvider time) : IRequestAuthorizer
{
    private static readonly IReadOnlyDictionary<string, string> NoContext = new Dictionary<string, string>();

    /// <inheritdoc />
    public async ValueTask<ActionAuthorization> AuthorizeAsync(
        AuthenticatedCaller caller, string action, RpcRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if (NamedResources.IsOpen(action))
        {
            return new ActionAuthorization(null, Deferred: false);
        }

        var policies = await identities.GetPoliciesAsync(caller.Principal, cancellationToken);
        var facts = new AccessRequest(
            "kms:" + action, NamedResources.Any, caller.Principal, context.Connection.RemoteIpAddress, time.GetUtcNow(),
            context.Request.IsHttps, Context(action, request));
        var access = new RequestAccess(facts, policies, cache);
        var deferred = false;
        foreach (var resource in NamedResources.Of(action, request, caller.Account, options.Region))
        {
            switch (access.DecideAsNamed(resource.Arn))
            {
                case AccessDecision.ExplicitDeny:
                    throw new KmsException(KmsErrorCode.NoPermission, $"{facts.Action} on {resource.Arn}");
                case AccessDecision.ImplicitDeny when !resource.ResolvedLater:
                    throw new KmsException(KmsErrorCode.NoPermission, $"{facts.Action} on {resource.Arn}");
                case AccessDecision.ImplicitDeny:
                    deferred = true;
                    break;
            }
        }

        return new ActionAuthorization(access, deferred);
    }

    /// <summary>
    /// The request's EncryptionContext for <c>kms:EncryptionContext:&lt;k&gt;</c> conditions (ReEncrypt: the
    /// destination's). A malformed one counts as none here; step 13 refuses it with InvalidParameter.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Context(string action, RpcRequest request)
    {
        var name = action == "ReEncrypt" ? "DestinationEncryptionContext" : "EncryptionContext";
        var json = request.Get(name);
        var dotted = request.WithPrefix(name);
        if (string.IsNullOrEmpty(json) && dotted.Count == 0)
        {
            return NoContext;
        }

        try
        {
            return EncryptionContext.Parse(json, dotted, name).Pairs;
        }
        catch (KmsException)
        {
            return NoContext;
        }
    }
}
