using System.Globalization;

namespace Coffer.Bench;

/// <summary>One measured cell: what was sent, how many answered 200, latencies (ms) of those, and errors by Code.</summary>
internal sealed record CellResult(
    string Target, string Action, string Mode, int Connections, double Seconds, long[] LatencyTicks, IReadOnlyDictionary<string, long> Errors)
{
    public long Ok => LatencyTicks.Length;

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>A rate measured without per-request latencies (the plain sign loop); otherwise answers per second.</summary>
    public double? Rate { get; init; }

    public double Throughput => Rate ?? Ok / Seconds;

    /// <summary>Nearest-rank percentile in milliseconds (LatencyTicks is sorted).</summary>
    public double Percentile(double p) => Percentile(LatencyTicks, p);

    /// <summary>Nearest-rank percentile in milliseconds of sorted Stopwatch ticks; NaN when there are none.</summary>
    public static double Percentile(long[] sortedTicks, double p)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sortedTicks.Length);
        var index = Math.Clamp(rank - 1, 0, sortedTicks.Length - 1);
        return sortedTicks[index] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }

    public string ErrorText => Errors.Count == 0
        ? "0"
        : string.Join(' ', Errors.OrderByDescending(e => e.Value).Select(e => e.Key + "=" + e.Value.ToString(CultureInfo.InvariantCulture)));
}
