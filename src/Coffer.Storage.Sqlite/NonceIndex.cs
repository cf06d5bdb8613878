namespace Coffer.Storage.Sqlite;

/// <summary>
/// The in-memory index of <see cref="SqliteNonceStore"/>: nonce digest → expiry (Unix ms), split over 256 dictionaries
/// by the digest's low byte, so that growing one (a rehash of everything it holds) or purging one holds the write
/// lock for 1/256 of the index instead of all of it. Not thread-safe: the store uses it under its write lock only.
/// </summary>
internal sealed class NonceIndex
{
    private const int ShardCount = 256;

    private readonly Dictionary<UInt128, long>[] _shards = CreateShards();

    /// <summary>True when the digest is in the index.</summary>
    public bool Contains(UInt128 digest) => Shard(digest).ContainsKey(digest);

    /// <summary>Adds the digest, or sets its expiry when it is there.</summary>
    public void Set(UInt128 digest, long expiresAtMs) => Shard(digest)[digest] = expiresAtMs;

    /// <summary>Removes every entry whose expiry is before <paramref name="cutoffMs"/>; returns how many.</summary>
    public int RemoveExpired(long cutoffMs)
    {
        var removed = 0;
        foreach (var shard in _shards)
        {
            foreach (var (digest, expires) in shard)
            {
                // Removing while enumerating is allowed for Dictionary (it does not invalidate the enumerator).
                if (expires < cutoffMs && shard.Remove(digest))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    private Dictionary<UInt128, long> Shard(UInt128 digest) => _shards[(int)(digest & (ShardCount - 1))];

    private static Dictionary<UInt128, long>[] CreateShards()
    {
        var shards = new Dictionary<UInt128, long>[ShardCount];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = [];
        }

        return shards;
    }
}
