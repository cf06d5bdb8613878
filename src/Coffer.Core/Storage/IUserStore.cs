using Coffer.Core.Accounts;
using Coffer.Core.Users;

namespace Coffer.Core.Storage;

/// <summary>Users of accounts (RAM users) and the named identity policies attached to them.</summary>
public interface IUserStore
{
    /// <summary>Stores a new user; false when the account already has a user of that name.</summary>
    Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken);

    /// <summary>The user <paramref name="name"/> of <paramref name="account"/>, or null.</summary>
    Task<User?> FindAsync(AccountId account, string name, CancellationToken cancellationToken);

    /// <summary>The users of <paramref name="account"/>, ordered by creation time then name.</summary>
    Task<IReadOnlyList<User>> ListAsync(AccountId account, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches <paramref name="policy"/> to its user, replacing a policy of the same name (the user must exist).
    /// </summary>
    Task AttachPolicyAsync(AttachedPolicy policy, CancellationToken cancellationToken);

    /// <summary>Detaches the policy <paramref name="policyName"/>; false when the user has no policy of that name.</summary>
    Task<bool> DetachPolicyAsync(AccountId account, string userName, string policyName, CancellationToken cancellationToken);

    /// <summary>The policies attached to the user, ordered by policy name (empty for an unknown user).</summary>
    Task<IReadOnlyList<AttachedPolicy>> ListPoliciesAsync(AccountId account, string userName, CancellationToken cancellationToken);
}
