using Coffer.Core.Authorization;
using Coffer.Core.Storage;

namespace Coffer.Core.Users;

/// <summary>
/// The identity policies of a principal: none for an account's administrator (it needs none), and for a user the
/// documents attached to it, read from the store on every request (so <c>coffer policy attach|detach</c> applies at
/// once) and parsed once per text through <see cref="PolicyCache"/>.
/// </summary>
public sealed class StoredIdentityPolicies(IUserStore users, PolicyCache cache) : IIdentityPolicySource
{
    private static readonly IReadOnlyList<PolicyDocument> None = [];

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PolicyDocument>> GetPoliciesAsync(AccessPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.UserName is not { } userName)
        {
            return None;
        }

        var attached = await users.ListPoliciesAsync(principal.Account, userName, cancellationToken);
        if (attached.Count == 0)
        {
            return None;
        }

        var documents = new PolicyDocument[attached.Count];
        for (var i = 0; i < attached.Count; i++)
        {
            documents[i] = cache.IdentityPolicy(attached[i].Document);
        }

        return documents;
    }
}
