using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Coffer.Bench;

/// <summary>Formats the one report: machine, features, one row per cell, ratios, the scale run and the targets.</summary>
internal static class Report
{
    public const string SignRsa = "Sign RSA_2048";

    public const string SignEc = "Sign EC_P256";

    public static string Header(string command, double cellSeconds, int scaleKeys, int materialCap) => string.Join('\n',
        "# coffer-bench report",
        "command:  " + command,
        "date:     " + TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        "machine:  " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + " logical cores (" + CpuModel() + "), " +
            MemoryTotal() + " RAM, " + RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture + ", " +
            RuntimeInformation.FrameworkDescription,
        "load:     " + LoadAverage() + " at the start (1, 5, 15 min; anything above ~0.5 means other work shared the cores)",
        "process:  load generator, floor and Coffer share one process and all cores; workstation GC",
        "cell:     " + cellSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s measured after a warm-up; every request V2-signed with a fresh nonce, POST form",
        "Coffer features on: V2 signature check (AccessKey secret unwrapped once per cached AccessKey record); durable replay protection (every nonce",
        "          durable in SQLite's nonce log, a file of its own, before the answer; concurrent requests' nonces group-committed as one log row",
        "          checked against the log's in-memory index; WAL, synchronous=FULL); authorization = PolicyAuthorizer",
        "          (administrator, default key policy); AccessKey/account/key record caches (bound 1 s, kept past it while the",
        "          store's change counter has not moved; 100,000 records each); SQLite writes on one long-lived connection;",
        "          unwrapped-key cache (cap " + materialCap.ToString("N0", CultureInfo.InvariantCulture) + " versions, key pairs imported once);",
        "          CreateKey group commit (one transaction per batch, key quota checked inside it); both group commits on threads",
        "          of their own; key and version ids time-ordered (version-7 GUIDs); cache-miss key reads through kept prepared",
        "          statements; JSON rendered into a per-thread buffer; no per-request hosting diagnostics; no audit log, no",
        "          metrics (not built)",
        "settings: default KmsOptions, except MaxKeysPerAccount 10,000,000 on the main host (the CreateKey cells make many keys);",
        "          scale run on its own host: " + scaleKeys.ToString("N0", CultureInfo.InvariantCulture) + " Aliyun_AES_256 keys seeded directly into its store",
        "");

    public static string Footer() => "load:     " + LoadAverage() + " at the end";

    public static CellResult Baseline(string label, int threads, double rate) =>
        new("plain", label, "loop", threads, 1, [], new Dictionary<string, long>()) { Rate = rate };

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
        foreach (var group in DataPlane(cells).GroupBy(c => c.Action))
        {
            var parts = group.Where(c => floors.ContainsKey(c.Connections)).Select(c =>
                FormattableString.Invariant($"{c.Connections} conns {c.Throughput / floors[c.Connections].Throughput:0.00}x"));
            sb.AppendLine("  " + group.Key.PadRight(16) + string.Join(", ", parts));
        }

        sb.AppendLine("Coffer AsymmetricSign / the same Coffer.Crypto sign call in a plain loop (one thread per core):");
        foreach (var label in new[] { SignRsa, SignEc })
        {
            var baseline = cells.FirstOrDefault(c => c.Target == "plain" && c.Action == label);
            if (baseline is null)
            {
                continue;
            }

            var parts = cells.Where(c => c.Target == "coffer" && c.Action == label).Select(c =>
                FormattableString.Invariant($"{c.Connections} conns {c.Throughput / baseline.Throughput:0.00}x"));
            sb.AppendLine("  " + label.PadRight(16) + string.Join(", ", parts) +
                FormattableString.Invariant($" (plain loop {baseline.Throughput:0}/s on {baseline.Connections} threads)"));
        }

        return sb.ToString();
    }

    public static string Scale(IReadOnlyList<ScaleCell> scale, int materialCap, int connections)
    {
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant(
            $"Scale (Encrypt, closed loop, {connections} conns, key chosen uniformly per request; unwrapped-key cache capped at {materialCap:N0} versions,"));
        sb.AppendLine("       which it empties when full; key/version record caches 100,000 each; hit rate over the measured window):");
        sb.AppendLine("  spread            req/s   vs 10 keys   key-cache hits   working set   managed heap");
        var reference = scale.Count > 0 ? scale[0].Throughput : double.NaN;
        foreach (var c in scale)
        {
            sb.AppendLine(FormattableString.Invariant(
                $"  {c.Spread,-16}{c.Throughput,7:0}{c.Throughput / reference,12:0.00}x{c.HitRate * 100,15:0.0}%{c.WorkingSetBytes / 1048576.0,11:0} MiB{c.ManagedHeapBytes / 1048576.0,11:0} MiB"));
        }

        sb.AppendLine("  (working set = the whole bench process: load generator, Coffer host, seeded store's page cache not included)");
        return sb.ToString();
    }

    public static string Targets(
        IReadOnlyList<CellResult> cells, IReadOnlyList<ScaleCell> scale, (double First, double Restart)? startup, bool quick)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Targets (issue 8)" + (quick ? " - QUICK MODE: 1 s cells, figures keep the bench working and are not evidence" : ""));
        sb.AppendLine("  target                                          figure                                   status");
        var floors = cells.Where(c => c.Target == "floor" && c.Mode == "closed").ToDictionary(c => c.Connections);
        foreach (var group in DataPlane(cells).GroupBy(c => c.Action))
        {
            var best = group.Where(c => floors.ContainsKey(c.Connections))
                .Select(c => (c.Connections, Ratio: c.Throughput / floors[c.Connections].Throughput)).MaxBy(r => r.Ratio);
            Line(sb, $"{group.Key} >= 0.7x floor", FormattableString.Invariant($"best {best.Ratio:0.00}x (at {best.Connections} conns)"), best.Ratio, 0.7, higher: true);
        }

        var open = cells.FirstOrDefault(c => c.Target == "coffer" && c.Mode.StartsWith("open", StringComparison.Ordinal));
        if (open is not null)
        {
            var floorOpen = cells.FirstOrDefault(c => c.Target == "floor" && c.Mode == open.Mode);
            var figure = FormattableString.Invariant($"p99 {open.Percentile(99):0.00} ms at {open.Mode[5..]}") +
                (floorOpen is null ? "" : FormattableString.Invariant($" (floor {floorOpen.Percentile(99):0.00})"));
            Line(sb, "p99 < 2 ms at half peak (open loop)", figure, open.Percentile(99), 2, higher: false);
        }

        foreach (var label in new[] { SignRsa, SignEc })
        {
            var baseline = cells.FirstOrDefault(c => c.Target == "plain" && c.Action == label);
            var best = cells.Where(c => c.Target == "coffer" && c.Action == label).MaxBy(c => c.Throughput);
            if (baseline is not null && best is not null)
            {
                var ratio = best.Throughput / baseline.Throughput;
                Line(sb, $"{label} >= 0.8x plain loop", FormattableString.Invariant($"{ratio:0.00}x ({best.Throughput:0} vs {baseline.Throughput:0}/s)"), ratio, 0.8, higher: true);
            }
        }

        var create = cells.Where(c => c.Target == "coffer" && c.Action == "CreateKey").MaxBy(c => c.Throughput);
        if (create is not null)
        {
            Line(sb, "CreateKey >= 2,000/s durably committed", FormattableString.Invariant($"best {create.Throughput:0}/s (at {create.Connections} conns)"), create.Throughput, 2000, higher: true);
        }

        if (scale.Count == 3)
        {
            foreach (var c in scale.Skip(1))
            {
                var ratio = c.Throughput / scale[0].Throughput;
                Line(sb, $"scale {c.Spread} within 10% of 10 keys", FormattableString.Invariant($"{ratio:0.00}x, hits {c.HitRate * 100:0.0}%, {c.WorkingSetBytes / 1048576.0:0} MiB"), ratio, 0.9, higher: true);
            }
        }

        if (startup is { } s)
        {
            Line(sb, "start-up < 1 s (restart)", FormattableString.Invariant($"{s.Restart:0} ms (first start {s.First:0} ms)"), s.Restart, 1000, higher: false);
        }
        else
        {
            sb.AppendLine("  start-up < 1 s                                  not measured (coffer.dll not built)");
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string target, string figure, double value, double bound, bool higher)
    {
        var met = higher ? value >= bound : value < bound;
        var gap = higher ? (bound - value) / bound : (value - bound) / bound;
        var status = double.IsNaN(value) ? "not measured" : met ? "met" : FormattableString.Invariant($"missed by {gap * 100:0}%");
        sb.AppendLine("  " + target.PadRight(48) + figure.PadRight(41) + status);
    }

    private static IEnumerable<CellResult> DataPlane(IEnumerable<CellResult> cells) =>
        cells.Where(c => c.Target == "coffer" && c.Mode == "closed" && c.Action is "Encrypt" or "Decrypt" or "GenerateDataKey");

    private static string CpuModel() =>
        ReadLine("/proc/cpuinfo", "model name") is { } line ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : "CPU model unknown";

    private static string MemoryTotal() =>
        ReadLine("/proc/meminfo", "MemTotal") is { } line &&
        long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kib)
            ? (kib / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
            : "unknown";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ReadLine(string path, string prefix)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string F(double value, string format = "0.00") =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Row(params string[] f) =>
        f[0].PadRight(7) + f[1].PadRight(22) + f[2].PadRight(12) + f[3].PadLeft(5) + f[4].PadLeft(9) + f[5].PadLeft(9) +
        f[6].PadLeft(9) + f[7].PadLeft(9) + f[8].PadLeft(10) + f[9].PadLeft(9) + "  " + f[10];
}
