using System.Collections.Concurrent;
using Coffer.Core.Errors;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Keys;

/// <summary>
/// Unwrapped version material, kept in memory up to a capacity, and for a key pair the private key imported from it
/// once (<see cref="MaterialLease.PrivateKey"/>), so AsymmetricSign and AsymmetricDecrypt do not parse PKCS#8 per call.
/// Material is immutable per version, so entries never go stale; key state is always read from the store, not from
/// here. Evicted entries are zeroed, and their imported keys disposed, once no call holds them. Imported material that was deleted or has expired is evicted by <see cref="Evict"/> and refused by
/// <see cref="Acquire"/> even before the scheduler moves its key to PendingImport.
/// </summary>
public sealed class KeyMaterialCache(RootKey root, KmsOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<KeyVersionId, MaterialLease> _entries = new();

    // Entries held, kept beside the dictionary: ConcurrentDictionary.Count takes every one of its locks, which each miss
    // did (in the uniform scale run, every request).
    private int _count;
    private long _hits;
    private long _misses;

    /// <summary>Number of cached versions.</summary>
    public int Count => _entries.Count;

    /// <summary>Acquisitions served from memory (for the benchmark's hit rate).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Acquisitions that unwrapped the material under the root key.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// A held lease on the material of <paramref name="version"/>; the caller must <see cref="MaterialLease.Release"/> it.
    /// </summary>
    /// <exception cref="KmsException">
    /// Rejected.PendingImport when the version has no material or the key's imported material has expired;
    /// ServiceUnavailableTemporary when the wrapped material does not unwrap.
    /// </exception>
    public MaterialLease Acquire(Key key, KeyVersion version)
    {
        // Security: deleted or expired imported material is never used, whatever state the key was read in.
        if (!version.HasMaterial || key.MaterialExpireTime is { } expiry && expiry <= time.GetUtcNow())
        {
            throw new KmsException(KmsErrorCode.KeyPendingImport);
        }

        if (_entries.TryGetValue(version.Id, out var cached) && cached.TryAcquire())
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        Interlocked.Increment(ref _misses);

        var material = root.TryUnwrap(version.WrappedMaterial, KeyMaterial.Label(key.Account, key.Id, version.Id, key.Spec))
            ?? throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary, "key material does not unwrap");
        var lease = new MaterialLease(material);
        lease.TryAcquire();
        if (Volatile.Read(ref _count) >= options.MaterialCacheCapacity)
        {
            EvictAll();
        }

        if (_entries.TryAdd(version.Id, lease))
        {
            Interlocked.Increment(ref _count);
            return lease;
        }

        // Another call cached it first: use ours once and let it go.
        lease.Release();
        return lease;
    }

    /// <summary>Drops the entry of <paramref name="version"/>, if any (zeroed when its last holder releases it).</summary>
    public void Evict(KeyVersionId version)
    {
        if (_entries.TryRemove(version, out var lease))
        {
            Interlocked.Decrement(ref _count);
            lease.Release();
        }
    }

    /// <summary>Drops every entry (each zeroed when its last holder releases it).</summary>
    public void EvictAll()
    {
        foreach (var id in _entries.Keys)
        {
            if (_entries.TryRemove(id, out var lease))
            {
                Interlocked.Decrement(ref _count);
                lease.Release();
            }
        }
    }
}
