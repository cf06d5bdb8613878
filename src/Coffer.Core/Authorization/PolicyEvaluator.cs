namespace Coffer.Core.Authorization;

/// <summary>
/// The one policy evaluator. Pure: no I/O, no clock (the time is in the request), no allocation on the common path.
/// </summary>
/// <remarks>
/// Rules, in order (docs/security.md "Access control"):
/// <list type="number">
/// <item>A Deny statement that covers the request (action, resource, and in a resource policy the principal) and whose
/// conditions are not false refuses it: <see cref="AccessDecision.ExplicitDeny"/>. This holds for the account's
/// administrator too. A condition Coffer cannot evaluate (unknown operator or key) counts as met for a Deny.</item>
/// <item>The account's administrator is allowed everything in its own account.</item>
/// <item>Otherwise an Allow statement whose conditions are all met is needed: from an identity policy or from the
/// resource policy (naming the principal) when the resource is in the principal's account, from both when it is in
/// another account (Alibaba's key policy semantics). Nothing allowing is <see cref="AccessDecision.ImplicitDeny"/>.</item>
/// </list>
/// </remarks>
public static class PolicyEvaluator
{
    /// <summary>Decides one request.</summary>
    /// <param name="request">The action, resource, principal and request facts.</param>
    /// <param name="identityPolicies">The policies attached to the principal (none for an administrator today).</param>
    /// <param name="resourcePolicy">The key or secret policy in force (the stored one or the default), or null when the
    /// resource has none (aliases, containers, <c>*</c>).</param>
    public static AccessDecision Evaluate(AccessRequest request, IReadOnlyList<PolicyDocument> identityPolicies, PolicyDocument? resourcePolicy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(identityPolicies);
        var identityAllows = false;
        for (var i = 0; i < identityPolicies.Count; i++)
        {
            switch (Scan(identityPolicies[i], request))
            {
                case AccessDecision.ExplicitDeny:
                    return AccessDecision.ExplicitDeny;
                case AccessDecision.Allowed:
                    identityAllows = true;
                    break;
            }
        }

        var resourceAllows = false;
        if (resourcePolicy is not null)
        {
            switch (Scan(resourcePolicy, request))
            {
                case AccessDecision.ExplicitDeny:
                    return AccessDecision.ExplicitDeny;
                case AccessDecision.Allowed:
                    resourceAllows = true;
                    break;
            }
        }

        var ownAccount = InPrincipalAccount(request.Resource, request.Principal);
        if (request.Principal.IsAdministrator)
        {
            // Security: the administrator needs no identity policy, but another account's resource still has to allow it.
            return ownAccount || resourceAllows ? AccessDecision.Allowed : AccessDecision.ImplicitDeny;
        }

        var allowed = ownAccount ? identityAllows || resourceAllows : identityAllows && resourceAllows;
        return allowed ? AccessDecision.Allowed : AccessDecision.ImplicitDeny;
    }

    /// <summary>ExplicitDeny when a Deny applies, Allowed when an Allow applies, else ImplicitDeny.</summary>
    private static AccessDecision Scan(PolicyDocument document, AccessRequest request)
    {
        var allows = false;
        foreach (var statement in document.Statements)
        {
            if (!statement.Covers(request))
            {
                continue;
            }

            var conditions = statement.EvaluateConditions(request);
            if (statement.Effect == PolicyEffect.Deny)
            {
                // Security: fail closed — a condition Coffer cannot evaluate never lifts a Deny.
                if (conditions != ConditionOutcome.False)
                {
                    return AccessDecision.ExplicitDeny;
                }
            }
            else if (conditions == ConditionOutcome.True)
            {
                allows = true;
            }
        }

        return allows ? AccessDecision.Allowed : AccessDecision.ImplicitDeny;
    }

    /// <summary>Whether the resource's ARN names the principal's account; <c>*</c> and non-ARNs count as its own.</summary>
    private static bool InPrincipalAccount(string resource, AccessPrincipal principal)
    {
        // acs:kms:{region}:{account}:{type}/{name}
        var span = resource.AsSpan();
        for (var field = 0; field < 3; field++)
        {
            var colon = span.IndexOf(':');
            if (colon < 0)
            {
                return true;
            }

            span = span[(colon + 1)..];
        }

        var end = span.IndexOf(':');
        return end < 0 || span[..end].SequenceEqual(principal.Account.Value);
    }
}
