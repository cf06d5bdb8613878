using System.Collections.Concurrent;

namespace Coffer.Core.Storage;

/// <summary>
/// Store records kept in memory for at most a bound (<see cref="KmsOptions.StoreCacheBound"/>) and up to a capacity.
/// A write of this process invalidates its entry at once; a write of another process or node is seen once the entry
/// is older than the bound. Only records that exist are cached (an absent record is read from the store every time).
/// An entry older than the bound is still served while <paramref name="freshness"/> confirms, within the bound, that
/// nothing cached changed in the store since the entry was read (<see cref="StoreFreshness"/>).
/// </summary>
/// <remarks>
/// Invalidation bumps a generation counter before it removes the entry, and a load stores its result only when no
/// invalidation happened while it read: a read that raced with a local write can therefore never put the old record
/// back after the write invalidated it.
/// </remarks>
internal sealed class ReadCache<TKey, TValue>(TimeProvider time, TimeSpan bound, int capacity, StoreFreshness? freshness = null)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    // Entries held, kept beside the dictionary (ConcurrentDictionary.Count takes every one of its locks); approximate
    // only while a full cache starts over under concurrent loads.
    private int _count;
    private long _generation;
    private long _hits;
    private long _misses;

    /// <summary>Whether the cache is on (a bound of zero turns it off).</summary>
    public bool Enabled { get; } = bound > TimeSpan.Zero && capacity > 0;

    /// <summary>Reads served from memory.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Reads that went to the store.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Number of entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached record, or the one <paramref name="load"/> reads from the store (then cached).</summary>
    public async Task<TValue?> GetOrLoadAsync<TState>(
        TKey key, TState state, Func<TState, CancellationToken, Task<TValue?>> load, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await load(state, cancellationToken);
        }

        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var ticket = Begin();
        var value = await load(state, cancellationToken);
        if (value is not null)
        {
            Put(key, value, ticket);
        }

        return value;
    }

    /// <summary>The cached record when it is younger than the bound, or confirmed unchanged since it was read.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (Enabled && _entries.TryGetValue(key, out var entry) &&
            (time.GetElapsedTime(entry.LoadedAt) < bound || (entry.Stamp is { } stamp && freshness?.Current == stamp)))
        {
            Interlocked.Increment(ref _hits);
            value = entry.Value;
            return true;
        }

        Interlocked.Increment(ref _misses);
        value = null!;
        return false;
    }

    /// <summary>
    /// Notes the generation, the time and the store's confirmed change counter before a store read whose result goes to
    /// <see cref="Put"/>.
    /// </summary>
    public LoadTicket Begin() => new(Volatile.Read(ref _generation), time.GetTimestamp(), freshness?.Current);

    /// <summary>Caches <paramref name="value"/> unless an invalidation happened since <paramref name="ticket"/> was taken.</summary>
    public void Put(TKey key, TValue value, LoadTicket ticket)
    {
        if (!Enabled || Volatile.Read(ref _generation) != ticket.Generation)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }

        var entry = new Entry(value, ticket.StartedAt, ticket.Stamp);
        if (_entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = entry;
        }
    }

    /// <summary>Drops the entry of <paramref name="key"/>; loads running now will not cache what they read.</summary>
    public void Invalidate(TKey key)
    {
        Interlocked.Increment(ref _generation);
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops every entry whose record matches <paramref name="match"/> (a scan: for rare writes only).</summary>
    public void InvalidateWhere(Func<TValue, bool> match)
    {
        Interlocked.Increment(ref _generation);
        foreach (var entry in _entries)
        {
            if (match(entry.Value.Value) && _entries.TryRemove(entry.Key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>
    /// The generation and start time of one store read, and the change counter confirmed before it began (null when
    /// none was confirmed within the bound).
    /// </summary>
    public readonly record struct LoadTicket(long Generation, long StartedAt, long? Stamp);

    private sealed record Entry(TValue Value, long LoadedAt, long? Stamp);
}
