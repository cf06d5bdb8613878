using Coffer.Core.Accounts;

namespace Coffer.Core.Storage;

/// <summary>
/// The account store with <see cref="FindAsync"/> (the account-state check of every request) cached for at most
/// <see cref="KmsOptions.StoreCacheBound"/>; a status or quota change through this store invalidates the entry at once.
/// </summary>
internal sealed class CachedAccountStore(IAccountStore inner, KmsOptions options, TimeProvider time, StoreFreshness freshness) : IAccountStore
{
    private readonly ReadCache<AccountId, Account> _cache = new(time, options.StoreCacheBound, options.StoreCacheCapacity, freshness);

    /// <inheritdoc />
    public Task CreateAsync(Account account, CancellationToken cancellationToken) => inner.CreateAsync(account, cancellationToken);

    /// <inheritdoc />
    public Task<Account?> FindAsync(AccountId id, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(id, (inner, id), static (s, ct) => s.inner.FindAsync(s.id, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TrySetStatusAsync(AccountId id, AccountStatus status, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TrySetStatusAsync(id, status, expectedRevision, cancellationToken);
        }
        finally
        {
            _cache.Invalidate(id);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TrySetQuotasAsync(AccountId id, AccountQuotas quotas, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TrySetQuotasAsync(id, quotas, expectedRevision, cancellationToken);
        }
        finally
        {
            _cache.Invalidate(id);
        }
    }
}
