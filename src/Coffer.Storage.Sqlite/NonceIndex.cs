namespace Coffer.Storage.Sqlite;

/// <summary>
/// The in-memory index of <see cref="SqliteNonceStore"/>: nonce digest → expiry (Unix ms), split over 256 dictionaries
/// by the digest's low byte, so that growing one (a rehash of everything it holds) or purging one holds the write
/// lock for 1/256 of the index instead of all of it. Not thread-safe: the store uses it under its write lock only.
/// </summary>
internal sealed class NonceIndex
{
    private readonly Dictionary<UInt128, long>[] _shards = CreateShards();

    /// <summary>True when the digest is in the index.</summary>
    public bool Contains(UInt128 digest) => Shard(digest).ContainsKey(digest);

    /// <summary>Adds the digest, or sets its expiry when it is there.</summary>
    public void Set(UInt128 digest, long expiresAtMs) => Shard(digest)[digest] = expiresAtMs;

    /// <summary>Number of shards (<see cref="RemoveExpired(long, int, int)"/> takes a range of them).</summary>
    public const int ShardCount = 256;

    /// <summary>Removes every entry whose expiry is before <paramref name="cutoffMs"/>; returns how many.</summary>
    public int RemoveExpired(long cutoffMs) => RemoveExpired(cutoffMs, 0, ShardCount);

    /// <summary>
    /// As <see cref="RemoveExpired(long)"/> over the shards <paramref name="firstShard"/> to
    /// <paramref name="firstShard"/> + <paramref name="shardCount"/> - 1 only, so a purge can hold the lock in short
    /// steps (all 256 shards of 2,000,000 entries take about 20 ms).
    /// </summary>
    public int RemoveExpired(long cutoffMs, int firstShard, int shardCount)
    {
        var removed = 0;
        foreach (var shard in _shards.AsSpan(firstShard, shardCount))
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
