namespace Coffer.Core.Authorization;

/// <summary>
/// The seam identities plug into: the RAM policies attached to a principal. Today every caller is an account's
/// administrator and <see cref="NoIdentityPolicies"/> answers none.
/// </summary>
public interface IIdentityPolicySource
{
    /// <summary>The parsed identity policies of <paramref name="principal"/> (use <see cref="PolicyCache.IdentityPolicy"/>).</summary>
    ValueTask<IReadOnlyList<PolicyDocument>> GetPoliciesAsync(AccessPrincipal principal, CancellationToken cancellationToken);
}
