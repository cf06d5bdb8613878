namespace Coffer.Core.Authorization;

/// <summary>No principal has identity policies (until users exist, every caller is an administrator).</summary>
public sealed class NoIdentityPolicies : IIdentityPolicySource
{
    private static readonly ValueTask<IReadOnlyList<PolicyDocument>> None = new(Array.Empty<PolicyDocument>());

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PolicyDocument>> GetPoliciesAsync(AccessPrincipal principal, CancellationToken cancellationToken) => None;
}
