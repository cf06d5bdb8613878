namespace Coffer.Core.Authorization;

/// <summary>
/// The RAM policies attached to a principal (<see cref="Users.StoredIdentityPolicies"/>: a user's attached documents;
/// an administrator has none and needs none).
/// </summary>
public interface IIdentityPolicySource
{
    /// <summary>The parsed identity policies of <paramref name="principal"/> (use <see cref="PolicyCache.IdentityPolicy"/>).</summary>
    ValueTask<IReadOnlyList<PolicyDocument>> GetPoliciesAsync(AccessPrincipal principal, CancellationToken cancellationToken);
}
