using Coffer.Core.Access;
using Coffer.Core.Accounts;

namespace Coffer.Core.Storage;

/// <summary>
/// The AccessKey store with <see cref="FindAsync"/> (read on every request) cached for at most
/// <see cref="KmsOptions.StoreCacheBound"/>; an enable or disable through this store invalidates the entry at once,
/// one made by the admin command in another process is seen within the bound.
/// </summary>
internal sealed class CachedAccessKeyStore(IAccessKeyStore inner, KmsOptions options, TimeProvider time, StoreFreshness freshness) : IAccessKeyStore
{
    private readonly ReadCache<string, AccessKey> _cache = new(time, options.StoreCacheBound, options.StoreCacheCapacity, freshness);

    /// <inheritdoc />
    public Task CreateAsync(AccessKey accessKey, CancellationToken cancellationToken) => inner.CreateAsync(accessKey, cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(id, (inner, id), static (s, ct) => s.inner.FindAsync(s.id, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AccessKey>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => inner.CountAsync(account, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TrySetEnabledAsync(string id, bool enabled, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TrySetEnabledAsync(id, enabled, expectedRevision, cancellationToken);
        }
        finally
        {
            _cache.Invalidate(id);
        }
    }
}
