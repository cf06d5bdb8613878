using Coffer.Core.Accounts;

namespace Coffer.Core.Storage;

/// <summary>Accounts.</summary>
public interface IAccountStore
{
    /// <summary>Stores a new account (with its <see cref="Account.Quotas"/>).</summary>
    Task CreateAsync(Account account, CancellationToken cancellationToken);

    /// <summary>The account <paramref name="id"/>, or null.</summary>
    Task<Account?> FindAsync(AccountId id, CancellationToken cancellationToken);

    /// <summary>All accounts, oldest first.</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Compare-and-swap of the status; false when the revision moved.</summary>
    Task<bool> TrySetStatusAsync(AccountId id, AccountStatus status, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Compare-and-swap of the quota overrides (all five at once); false when the revision moved.</summary>
    Task<bool> TrySetQuotasAsync(AccountId id, AccountQuotas quotas, long expectedRevision, CancellationToken cancellationToken);
}
