using System.Diagnostics;
using System.Globalization;

namespace Coffer.Bench;

/// <summary>
/// What one durable commit costs on this disk at least: a 4 KiB append to a file then its flush to the disk (fsync),
/// timed one at a time in the folder the data folders live in. Every answered Coffer request waits for one (its nonce
/// batch's WAL commit), so a latency target below this disk's own tail cannot be met whatever Coffer does.
/// </summary>
internal static class DiskProbe
{
    public static string Measure(int times)
    {
        var path = Path.Combine(Path.GetTempPath(), "coffer-bench-fsync-" + Guid.NewGuid().ToString("N"));
        var page = new byte[4096];
        var ticks = new long[times];
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            for (var i = 0; i < times; i++)
            {
                var started = Stopwatch.GetTimestamp();
                file.Write(page);
                file.Flush(flushToDisk: true);
                ticks[i] = Stopwatch.GetTimestamp() - started;
            }
        }
        finally
        {
            File.Delete(path);
        }

        Array.Sort(ticks);
        string Ms(double p) => CellResult.Percentile(ticks, p).ToString("0.00", CultureInfo.InvariantCulture);
        return FormattableString.Invariant(
            $"disk: 4 KiB append + fsync in {Path.GetTempPath()}, {times} times one after another: p50 {Ms(50)} ms, p90 {Ms(90)}, p99 {Ms(99)}, max {Ms(100)} (each answered request waits for one WAL commit)");
    }
}
