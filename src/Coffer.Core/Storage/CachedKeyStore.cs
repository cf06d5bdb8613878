using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Storage;

/// <summary>
/// The key store with the reads of the data plane cached (<see cref="ReadCache{TKey, TValue}"/>): a key by account and
/// ID, and a version by ID. Every write through this store invalidates the key it touches, whether the write won or
/// lost its compare-and-swap (a lost one means the cached revision is stale), so a retry reads the store.
/// </summary>
internal sealed class CachedKeyStore(IKeyStore inner, KmsOptions options, TimeProvider time, StoreFreshness freshness) : IKeyStore
{
    private readonly ReadCache<(AccountId, KeyId), Key> _keys = new(time, options.StoreCacheBound, options.StoreCacheCapacity, freshness);

    // A version changes only when imported material is added or removed (both invalidate it here); otherwise the bound
    // only limits how long a deleted key's versions stay in memory (a lookup through FindVersionAsync still reads the
    // key, so a deleted key is never answered).
    private readonly ReadCache<KeyVersionId, KeyVersion> _versions = new(time, options.StoreCacheBound, options.StoreCacheCapacity, freshness);

    /// <summary>Key reads served from memory and from the store.</summary>
    public (long Hits, long Misses) KeyStatistics => (_keys.Hits, _keys.Misses);

    /// <inheritdoc />
    public Task CreateAsync(Key key, KeyVersion firstVersion, CancellationToken cancellationToken) =>
        inner.CreateAsync(key, firstVersion, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Nothing to invalidate: an absent record is never cached.</remarks>
    public Task<IReadOnlyList<KeyCreationResult>> TryCreateBatchAsync(IReadOnlyList<KeyCreation> keys, CancellationToken cancellationToken) =>
        inner.TryCreateBatchAsync(keys, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A miss reads the key with its primary version (one query) and caches both.</remarks>
    public async Task<Key?> FindAsync(AccountId account, KeyId id, CancellationToken cancellationToken)
    {
        if (_keys.TryGet((account, id), out var cached))
        {
            return cached;
        }

        var keyTicket = _keys.Begin();
        var versionTicket = _versions.Begin();
        if (await inner.FindWithPrimaryVersionAsync(account, id, cancellationToken) is not { } found)
        {
            return null;
        }

        _keys.Put((account, id), found.Key, keyTicket);
        if (found.PrimaryVersion is { } primary)
        {
            _versions.Put(primary.Id, primary, versionTicket);
        }

        return found.Key;
    }

    /// <inheritdoc />
    public async Task<(Key Key, KeyVersion? PrimaryVersion)?> FindWithPrimaryVersionAsync(AccountId account, KeyId id, CancellationToken cancellationToken)
    {
        if (await FindAsync(account, id, cancellationToken) is not { } key)
        {
            return null;
        }

        return (key, await GetVersionAsync(key.Id, key.PrimaryVersion, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<(Key Key, KeyVersion Version)?> FindVersionAsync(AccountId account, KeyVersionId versionId, CancellationToken cancellationToken)
    {
        if (_versions.TryGet(versionId, out var version))
        {
            // The account check lives in the key lookup: a version of another account's key finds no key here.
            return await FindAsync(account, version.KeyId, cancellationToken) is { } key ? (key, version) : null;
        }

        var keyTicket = _keys.Begin();
        var versionTicket = _versions.Begin();
        var found = await inner.FindVersionAsync(account, versionId, cancellationToken);
        if (found is { } pair)
        {
            _keys.Put((account, pair.Key.Id), pair.Key, keyTicket);
            _versions.Put(versionId, pair.Version, versionTicket);
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<KeyVersion?> GetVersionAsync(KeyId id, KeyVersionId versionId, CancellationToken cancellationToken)
    {
        if (_versions.TryGet(versionId, out var cached) && cached.KeyId == id)
        {
            return cached;
        }

        var ticket = _versions.Begin();
        var version = await inner.GetVersionAsync(id, versionId, cancellationToken);
        if (version is not null)
        {
            _versions.Put(versionId, version, ticket);
        }

        return version;
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<Key> Items, int TotalCount)> ListAsync(AccountId account, int offset, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(account, offset, limit, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => inner.CountAsync(account, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryUpdateAsync(Key key, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryUpdateAsync(key, expectedRevision, cancellationToken);
        }
        finally
        {
            _keys.Invalidate((key.Account, key.Id));
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryAddVersionAsync(Key key, long expectedRevision, KeyVersion version, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryAddVersionAsync(key, expectedRevision, version, cancellationToken);
        }
        finally
        {
            _keys.Invalidate((key.Account, key.Id));
        }
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<KeyVersion> Items, int TotalCount)> ListVersionsAsync(KeyId id, int offset, int limit, CancellationToken cancellationToken) =>
        inner.ListVersionsAsync(id, offset, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryDeleteAsync(Key key, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryDeleteAsync(key, expectedRevision, cancellationToken);
        }
        finally
        {
            _keys.Invalidate((key.Account, key.Id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForDeletionAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.ListDueForDeletionAsync(now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForRotationAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.ListDueForRotationAsync(now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForMaterialExpiryAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.ListDueForMaterialExpiryAsync(now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> FindMaterialFingerprintAsync(KeyId id, CancellationToken cancellationToken) =>
        inner.FindMaterialFingerprintAsync(id, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryImportMaterialAsync(Key key, long expectedRevision, KeyVersion version, byte[] fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryImportMaterialAsync(key, expectedRevision, version, fingerprint, cancellationToken);
        }
        finally
        {
            _keys.Invalidate((key.Account, key.Id));
            _versions.Invalidate(version.Id);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryRemoveMaterialAsync(Key key, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryRemoveMaterialAsync(key, expectedRevision, cancellationToken);
        }
        finally
        {
            _keys.Invalidate((key.Account, key.Id));
            _versions.InvalidateWhere(v => v.KeyId == key.Id);
        }
    }
}
