using System.Diagnostics;
using System.Globalization;
using Coffer.Core.Replay;
using Coffer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Bench;

/// <summary>
/// What the requests of Coffer's open-loop cell waited for besides HTTP, counted over the cell: the nonce log's commits
/// (each answered request waits for the commit of its batch, fsync included) and the garbage collector's pauses (every
/// thread of the process waits, the load generator's too).
/// </summary>
internal sealed class OpenLoopWaits
{
    private readonly CommitTimes _commits;
    private readonly IReadOnlyList<long> _commitsAtStart;
    private readonly int _collectionsAtStart = GC.CollectionCount(0);
    private readonly TimeSpan _pausedAtStart = GC.GetTotalPauseDuration();
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    private OpenLoopWaits(CommitTimes commits)
    {
        _commits = commits;
        _commitsAtStart = commits.Read();
    }

    public static OpenLoopWaits Start(CofferHost coffer) => new(coffer.Services.GetRequiredService<NonceBatcher>().CommitTimes);

    /// <summary>One line: the commits' time by quantile, how many took over 2 ms (the open loop's target), and GC pauses.</summary>
    public string Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var now = _commits.Read();
        var counts = now.Select((n, i) => n - _commitsAtStart[i]).ToArray();
        var total = counts.Sum();
        var overTwoMs = counts.Where((_, i) => i >= CommitTimes.Bounds.Count || CommitTimes.Bounds[i] > TimeSpan.FromMilliseconds(2)).Sum();
        var slowest = Array.FindLastIndex(counts, n => n > 0);
        var paused = GC.GetTotalPauseDuration() - _pausedAtStart;
        return string.Create(CultureInfo.InvariantCulture,
            $"open-loop waits over Coffer's cell: {total:N0} nonce commits (each answered request waits for its batch's), " +
            $"p50 {Quantile(counts, 0.5)}, p90 {Quantile(counts, 0.9)}, p99 {Quantile(counts, 0.99)}, p99.9 {Quantile(counts, 0.999)}, " +
            $"slowest {Bucket(slowest)}; {overTwoMs:N0} ({100.0 * overTwoMs / Math.Max(1, total):0.00}%) over 2 ms; " +
            $"GC paused every thread {GC.CollectionCount(0) - _collectionsAtStart} times, {paused.TotalMilliseconds:0} ms in all " +
            $"({100 * paused.TotalSeconds / seconds:0.0}% of {seconds:0} s)");
    }

    // The bound of the bucket holding the q-quantile of the counted commits.
    private static string Quantile(long[] counts, double q)
    {
        var target = q * counts.Sum();
        var seen = 0L;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= target && seen > 0)
            {
                return Bucket(i);
            }
        }

        return "-";
    }

    private static string Bucket(int index) =>
        index < 0 ? "-"
        : index < CommitTimes.Bounds.Count ? string.Create(CultureInfo.InvariantCulture, $"<= {CommitTimes.Bounds[index].TotalMilliseconds:0.###} ms")
        : string.Create(CultureInfo.InvariantCulture, $"> {CommitTimes.Bounds[^1].TotalMilliseconds:0} ms");
}
