using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Coffer.Bench;

/// <summary>Formats the one report: machine, features, one row per cell, Coffer/floor ratios.</summary>
internal static class Report
{
    public static string Header(string command, double cellSeconds) => string.Join('\n',
        "# coffer-bench report",
        "command:  " + command,
        "date:     " + TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        "machine:  " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + " logical cores, " +
            RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture + ", " + RuntimeInformation.FrameworkDescription,
        "process:  load generator, floor and Coffer share one process and all cores; workstation GC",
        "cell:     " + cellSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s measured after a warm-up; every request V2-signed with a fresh nonce, POST form",
        "Coffer features on: V2 signature check; durable replay protection (every nonce INSERTed into SQLite before the answer,",
        "          concurrent requests' nonces group-committed in one transaction; WAL, synchronous=FULL); authorization =",
        "          PolicyAuthorizer (administrator, default key policy); AccessKey/account/key record caches (bound 1 s); no audit, no metrics",
        "not measured: AsymmetricSign (RSA_2048, EC_P256) - not implemented in Coffer yet",
        "");

    public static string Table(IEnumerable<CellResult> cells)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Row("target", "action", "mode", "conns", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors"));
        foreach (var c in cells)
        {
            sb.AppendLine(Row(
                c.Target, c.Action, c.Mode, c.Connections.ToString(CultureInfo.InvariantCulture), F(c.Throughput, "0"),
                F(c.Percentile(50)), F(c.Percentile(90)), F(c.Percentile(99)), F(c.Percentile(99.9)), F(c.Percentile(100)), c.ErrorText));
        }

        return sb.ToString();
    }

    public static string Ratios(IReadOnlyList<CellResult> cells)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Coffer/floor throughput (closed loop, same connections):");
        var floors = cells.Where(c => c.Target == "floor" && c.Mode == "closed").ToDictionary(c => c.Connections);
        foreach (var group in cells.Where(c => c.Target == "coffer" && c.Mode == "closed" && c.Action != "CreateKey").GroupBy(c => c.Action))
        {
            var parts = group.Where(c => floors.ContainsKey(c.Connections)).Select(c =>
                FormattableString.Invariant($"{c.Connections} conns {c.Throughput / floors[c.Connections].Throughput:0.00}x"));
            sb.AppendLine("  " + group.Key.PadRight(16) + string.Join(", ", parts));
        }

        return sb.ToString();
    }

    private static string F(double value, string format = "0.00") =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Row(params string[] f) =>
        f[0].PadRight(7) + f[1].PadRight(16) + f[2].PadRight(12) + f[3].PadLeft(5) + f[4].PadLeft(9) + f[5].PadLeft(9) +
        f[6].PadLeft(9) + f[7].PadLeft(9) + f[8].PadLeft(10) + f[9].PadLeft(9) + "  " + f[10];
}
