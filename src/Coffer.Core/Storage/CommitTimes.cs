namespace Coffer.Core.Storage;

/// <summary>
/// How long the commits of a <see cref="GroupCommit{TItem, TResult}"/> took (failed ones included), counted in buckets
/// whose bounds double from 0.125 ms to 64 ms, and one bucket past the last bound: how long each batch's callers waited
/// for the store. The benchmark reads it around a cell.
/// </summary>
/// <remarks>
/// One writer (the group commit's loop) and any number of readers; each count is read and written atomically, so a
/// snapshot taken during a commit may miss that commit, never count it twice.
/// </remarks>
public sealed class CommitTimes
{
    private readonly long[] _counts = new long[Bounds.Count + 1];

    /// <summary>Upper bounds of the buckets (0.125, 0.25 … 64 ms); a duration equal to a bound counts in its bucket.</summary>
    public static IReadOnlyList<TimeSpan> Bounds { get; } =
        [.. Enumerable.Range(0, 10).Select(i => TimeSpan.FromMicroseconds(125 << i))];

    /// <summary>The counts now: one per bound of <see cref="Bounds"/>, then the commits longer than the last bound.</summary>
    public IReadOnlyList<long> Read()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }

        return counts;
    }

    /// <summary>Counts one commit that took <paramref name="duration"/>.</summary>
    internal void Record(TimeSpan duration)
    {
        var bucket = 0;
        while (bucket < Bounds.Count && duration > Bounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _counts[bucket]);
    }
}
