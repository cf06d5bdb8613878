using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Bench;
using Coffer.Core;
using Coffer.Core.Keys;
using Coffer.Crypto.Asymmetric;
using Microsoft.Extensions.DependencyInjection;

// coffer-bench: measures a bare Kestrel floor and then the real Coffer host with the same signing load generator, and
// prints one report with every issue-8 target beside its figure.
//   coffer-bench                  manual mode: ~10 s per cell, connections 1, 8, 32, 64, scale run over 1,000,000 keys
//   coffer-bench --scale N        manual mode with N keys seeded for the scale run
//   coffer-bench --quick          CI mode: ~1 s per cell, 8 connections, 10,000 keys; exits 1 if any request fails.
//   coffer-bench --profile ACTION [--conns C] [--seconds S]
//                                 only that cell (floor, Encrypt, Decrypt, GenerateDataKey, CreateKey; default 32
//                                 connections, 30 s), to attach a profiler to (perf, dotnet-trace); prints its row, the
//                                 bytes allocated per request and the most allocated types. "open" runs closed-loop
//                                 Encrypt, then the open loop at half its rate, and prints both rows. "hot" seeds 10,000
//                                 keys and runs Encrypt over 1,000 of them (the scale run's hot-set cell); "spread" seeds
//                                 200,000 and runs Encrypt over all of them (more keys than the caches hold).
// Asserts no timing in either mode.
var quick = false;
int? scaleArg = null;
string? profileAction = null;
var profileConnections = 32;
var profileSeconds = 30;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--quick")
    {
        quick = true;
    }
    else if (args[i] == "--scale" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 1_000)
    {
        scaleArg = n;
        i++;
    }
    else if (args[i] == "--profile" && i + 1 < args.Length)
    {
        profileAction = args[++i];
    }
    else if (args[i] == "--conns" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var c) && c >= 1)
    {
        profileConnections = c;
        i++;
    }
    else if (args[i] == "--seconds" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var seconds) && seconds >= 1)
    {
        profileSeconds = seconds;
        i++;
    }
    else
    {
        Console.Error.WriteLine("usage: coffer-bench [--quick] [--scale N] | --profile ACTION [--conns C] [--seconds S]   (N >= 1000; default 1000000, 10000 with --quick)");
        return 2;
    }
}

var scaleKeys = scaleArg ?? (quick ? 10_000 : 1_000_000);
var duration = TimeSpan.FromSeconds(quick ? 1 : 10);
var warmup = TimeSpan.FromSeconds(quick ? 0.5 : 2);
int[] connectionCounts = quick ? [8] : [1, 8, 32, 64];
var scaleConnections = quick ? 8 : 32;
var cells = new List<CellResult>();
var notes = new List<string>();
var command = "coffer-bench" + (quick ? " --quick" : "") + (scaleArg is { } s ? " --scale " + s.ToString(CultureInfo.InvariantCulture) : "");
var materialCap = new KmsOptions().MaterialCacheCapacity;
Console.WriteLine(Report.Header(command, duration.TotalSeconds, scaleKeys, materialCap));

void Show(CellResult cell)
{
    cells.Add(cell);
    Console.Error.WriteLine(Report.Table([cell]).Split('\n')[1]);
}

if (profileAction is not null)
{
    return await ProfileAsync(profileAction, profileConnections, TimeSpan.FromSeconds(profileSeconds));
}

// The floor first, with the same signer (same client-side cost), one Encrypt-shaped request.
await OnFloorAsync(async (floorSigner, floorParameters) =>
{
    foreach (var n in connectionCounts)
    {
        Show(await LoadGenerator.ClosedLoopAsync("floor", floorSigner, "Encrypt", floorParameters, n, duration, warmup));
    }

    return 0;
});

double openRate;

// The CreateKey cells make tens of thousands of keys: the bench host's key quota is raised so none is refused.
await using (var coffer = new CofferHost(new KmsOptions { MaxKeysPerAccount = 10_000_000 }))
{
    await coffer.StartAsync();
    var signer = new RequestSigner(coffer.Endpoint, coffer.AccessKeyId, coffer.AccessKeySecret);
    using var setup = LoadGenerator.CreateClient(1);
    var keyId = (await CallAsync(setup, signer, "CreateKey", [])).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    var encryptParameters = PlaintextParameters(keyId);
    var blob = (await CallAsync(setup, signer, "Encrypt", encryptParameters)).GetProperty("CiphertextBlob").GetString()!;
    KeyValuePair<string, string>[] decryptParameters = [new("CiphertextBlob", blob)];
    KeyValuePair<string, string>[] dataKeyParameters = [new("KeyId", keyId), new("NumberOfBytes", "32")];
    KeyValuePair<string, string>[] createKeyParameters = [new("KeySpec", "Aliyun_AES_256")];
    var digest = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    var rsaSign = await SignParametersAsync(setup, signer, "RSA_2048", "RSA_PSS_SHA_256", digest);
    var ecSign = await SignParametersAsync(setup, signer, "EC_P256", "ECDSA_SHA_256", digest);
    (string Action, string Label, IReadOnlyList<KeyValuePair<string, string>> Parameters)[] actions =
    [
        ("Encrypt", "Encrypt", encryptParameters),
        ("Decrypt", "Decrypt", decryptParameters),
        ("GenerateDataKey", "GenerateDataKey", dataKeyParameters),
        ("CreateKey", "CreateKey", createKeyParameters),
        ("AsymmetricSign", Report.SignRsa, rsaSign),
        ("AsymmetricSign", Report.SignEc, ecSign),
    ];
    foreach (var (action, label, parameters) in actions)
    {
        foreach (var n in connectionCounts)
        {
            var cell = await LoadGenerator.ClosedLoopAsync("coffer", signer, action, () => parameters, n, duration, warmup);
            Show(cell with { Action = label });
        }
    }

    // Open loop: Encrypt at half of the best closed-loop Encrypt rate measured above, latency from the intended send time.
    var peak = cells.Where(c => c.Target == "coffer" && c.Action == "Encrypt").Max(c => c.Throughput);
    openRate = Math.Max(10, Math.Round(peak / 2));
    var waits = OpenLoopWaits.Start(coffer);
    Show(await LoadGenerator.OpenLoopAsync("coffer", signer, "Encrypt", () => encryptParameters, 64, openRate, duration));
    notes.Add(waits.Stop());
}

// The open loop's own floors: bare HTTP at the same rate (the load generator, Kestrel and the collector on this machine),
// and the disk's commit latency.
Show(await FloorOpenLoopAsync(openRate, duration));
notes.Add(DiskProbe.Measure(quick ? 50 : 500));

// The AsymmetricSign baseline: the same Coffer.Crypto call in a plain loop, one thread per core (the server's thread pool
// has as many), measured in the same run.
var threads = Environment.ProcessorCount;
Show(Report.Baseline(Report.SignRsa, threads,
    await SignBaseline.MeasureAsync(AsymmetricKeySpec.Rsa2048, SignatureAlgorithm.RsaPssSha256, threads, duration, warmup)));
Show(Report.Baseline(Report.SignEc, threads,
    await SignBaseline.MeasureAsync(AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256, threads, duration, warmup)));

// Scale: keys seeded directly into the store; Encrypt over 10 keys, a 1,000-key hot set, and all of them uniformly.
var scale = new List<ScaleCell>();
await using (var coffer = new CofferHost(new KmsOptions()))
{
    await coffer.StartAsync();
    var seedWatch = Stopwatch.StartNew();
    var ids = await ScaleSeeder.SeedAsync(coffer, scaleKeys);
    notes.Add(FormattableString.Invariant($"scale: {scaleKeys:N0} keys seeded into SQLite in {seedWatch.Elapsed.TotalSeconds:0.0} s"));
    var signer = new RequestSigner(coffer.Endpoint, coffer.AccessKeyId, coffer.AccessKeySecret);
    var materials = coffer.Services.GetRequiredService<KeyMaterialCache>();
    var plaintext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    foreach (var (label, spread) in new[] { ("10 keys", 10), ("hot 1,000", 1_000), (FormattableString.Invariant($"all {scaleKeys:N0}"), ids.Length) })
    {
        (long Hits, long Misses) start = default, end = default;
        var cell = await LoadGenerator.ClosedLoopAsync(
            "coffer", signer, "Encrypt",
            () => [new("KeyId", ids[RandomNumberGenerator.GetInt32(spread)]), new("Plaintext", plaintext)],
            scaleConnections, duration, warmup,
            measureStarts: () => start = (materials.Hits, materials.Misses),
            measureEnds: () => end = (materials.Hits, materials.Misses));
        Show(cell with { Action = "Encrypt " + label });
        var (h, m) = (end.Hits - start.Hits, end.Misses - start.Misses);
        using var process = Process.GetCurrentProcess();
        scale.Add(new ScaleCell(label, cell.Throughput, h + m == 0 ? double.NaN : (double)h / (h + m), process.WorkingSet64, GC.GetTotalMemory(false)));
    }
}

Console.WriteLine(Report.Table(cells));
Console.WriteLine(Report.Ratios(cells));
Console.WriteLine(Report.Scale(scale, materialCap, scaleConnections));

// Start-up: `coffer serve` as its own process, from process start to the first answered request.
(double First, double Restart)? startup = null;
if (StartupProbe.FindCofferDll() is { } cofferDll)
{
    startup = await StartupProbe.MeasureAsync(cofferDll);
    Console.WriteLine(FormattableString.Invariant(
        $"start-up (coffer serve process to first answered request): first start {startup.Value.First:0} ms (initialises the data folder), restart {startup.Value.Restart:0} ms"));
}
else
{
    Console.WriteLine("start-up: not measured (src/Coffer.Cli not built in Release)");
}

Console.WriteLine();
foreach (var note in notes)
{
    Console.WriteLine(note);
}

Console.WriteLine(Report.Targets(cells, scale, startup, quick));
Console.WriteLine(Report.Footer());

var failed = cells.Sum(c => c.ErrorCount);
if (failed > 0)
{
    Console.WriteLine(failed.ToString(CultureInfo.InvariantCulture) + " requests failed");
    return 1;
}

return 0;

// One cell long enough to attach a profiler to (nothing else runs in the process), with the bytes allocated per request
// and the types the runtime's allocation sampling saw most.
static async Task<int> ProfileAsync(string action, int connections, TimeSpan duration)
{
    Console.Error.WriteLine("profiling " + action + " in process " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    if (action == "floor")
    {
        return await OnFloorAsync((floorSigner, floorParameters) => MeasureAsync("floor", floorSigner, "Encrypt", floorParameters, connections, duration));
    }

    await using var coffer = new CofferHost(new KmsOptions { MaxKeysPerAccount = 10_000_000 });
    await coffer.StartAsync();
    var signer = new RequestSigner(coffer.Endpoint, coffer.AccessKeyId, coffer.AccessKeySecret);
    using var setup = LoadGenerator.CreateClient(1);
    var keyId = (await CallAsync(setup, signer, "CreateKey", [])).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    var encrypt = PlaintextParameters(keyId);
    if (action == "open")
    {
        // The open-loop cell as the full run makes it: closed-loop Encrypt first, then an open loop at half its rate.
        // Then bare HTTP at the same rate, and the disk's commit latency: the open loop's own floors.
        var closed = await LoadGenerator.ClosedLoopAsync("coffer", signer, "Encrypt", () => encrypt, connections, duration, TimeSpan.FromSeconds(5));
        var rate = Math.Max(10, Math.Round(closed.Throughput / 2));
        var waits = OpenLoopWaits.Start(coffer);
        var open = await LoadGenerator.OpenLoopAsync("coffer", signer, "Encrypt", () => encrypt, connections, rate, duration);
        var openWaits = waits.Stop();
        var floorOpen = await FloorOpenLoopAsync(rate, duration);
        Console.WriteLine(Report.Table([closed, open, floorOpen]));
        Console.WriteLine(openWaits);
        Console.WriteLine(DiskProbe.Measure(500));
        return closed.ErrorCount + open.ErrorCount + floorOpen.ErrorCount > 0 ? 1 : 0;
    }

    if (action is "hot" or "spread")
    {
        // The scale run's cells on their own: Encrypt spread uniformly over 1,000 of 10,000 seeded keys (hot), or over
        // all of 200,000 (spread: more keys than every cache holds, as in the 1,000,000-key cell).
        var ids = await ScaleSeeder.SeedAsync(coffer, action == "hot" ? 10_000 : 200_000);
        var spread = action == "hot" ? 1_000 : ids.Length;
        var plaintext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return await MeasureAsync(
            "coffer", signer, "Encrypt", () => [new("KeyId", ids[RandomNumberGenerator.GetInt32(spread)]), new("Plaintext", plaintext)], connections, duration);
    }

    KeyValuePair<string, string>[] parameters = action switch
    {
        "Encrypt" => encrypt,
        "Decrypt" => [new("CiphertextBlob", (await CallAsync(setup, signer, "Encrypt", encrypt)).GetProperty("CiphertextBlob").GetString()!)],
        "GenerateDataKey" => [new("KeyId", keyId), new("NumberOfBytes", "32")],
        "CreateKey" => [new("KeySpec", "Aliyun_AES_256")],
        _ => throw new ArgumentException("--profile takes floor, Encrypt, Decrypt, GenerateDataKey, CreateKey, open, hot or spread", nameof(action)),
    };
    return await MeasureAsync("coffer", signer, action, () => parameters, connections, duration);
}

static Task<CellResult> FloorOpenLoopAsync(double rate, TimeSpan duration) =>
    OnFloorAsync((floorSigner, floorParameters) => LoadGenerator.OpenLoopAsync("floor", floorSigner, "Encrypt", floorParameters, 64, rate, duration));

// Starts the floor, runs measure with a signer for it and the floor's Encrypt parameters, then stops the floor.
static async Task<T> OnFloorAsync<T>(Func<RequestSigner, Func<KeyValuePair<string, string>[]>, Task<T>> measure)
{
    var floor = await FloorServer.StartAsync();
    try
    {
        var floorSigner = new RequestSigner(new Uri(floor.Urls.First() + "/"), "LTAIfloor", "floor-secret");
        var floorParameters = PlaintextParameters("key-floor");
        return await measure(floorSigner, () => floorParameters);
    }
    finally
    {
        await floor.StopAsync();
        await floor.DisposeAsync();
    }
}

static async Task<int> MeasureAsync(
    string target, RequestSigner signer, string action, Func<KeyValuePair<string, string>[]> parameters, int connections, TimeSpan duration)
{
    long allocatedAtStart = 0, allocatedAtEnd = 0;
    TimeSpan cpuAtStart = default, cpuAtEnd = default;
    (int Gen0, int Gen1, int Gen2, TimeSpan Paused) gcAtStart = default, gcAtEnd = default;
    using var process = Process.GetCurrentProcess();
    using var sampler = new AllocationSampler();
    var cell = await LoadGenerator.ClosedLoopAsync(
        target, signer, action, parameters, connections, duration, TimeSpan.FromSeconds(5),
        measureStarts: () => (allocatedAtStart, cpuAtStart, gcAtStart, sampler.Sampling) = (GC.GetTotalAllocatedBytes(), Cpu(process), Collections(), true),
        measureEnds: () => (allocatedAtEnd, cpuAtEnd, gcAtEnd, sampler.Sampling) = (GC.GetTotalAllocatedBytes(), Cpu(process), Collections(), false));
    var requests = Math.Max(1, cell.Throughput * cell.Seconds);
    Console.WriteLine(Report.Table([cell]));
    // CPU time per request depends far less on other work sharing the machine than throughput does.
    Console.WriteLine(FormattableString.Invariant(
        $"cpu: {(cpuAtEnd - cpuAtStart).TotalMicroseconds / requests:0} us per request, {(cpuAtEnd - cpuAtStart).TotalSeconds / cell.Seconds:0.00} cores busy (load generator and {target}, user + system)"));
    Console.WriteLine(FormattableString.Invariant(
        $"gc: {gcAtEnd.Gen0 - gcAtStart.Gen0} gen0, {gcAtEnd.Gen1 - gcAtStart.Gen1} gen1, {gcAtEnd.Gen2 - gcAtStart.Gen2} gen2 collections, paused {(gcAtEnd.Paused - gcAtStart.Paused).TotalMilliseconds:0} ms of {cell.Seconds:0} s; heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB"));
    Console.WriteLine(FormattableString.Invariant(
        $"allocated: {(allocatedAtEnd - allocatedAtStart) / requests:0} bytes per request (load generator and {target}); sampled by type:"));
    foreach (var (type, bytes) in sampler.Top(25))
    {
        Console.WriteLine(FormattableString.Invariant($"  {bytes / requests,8:0} B/request  {type}"));
    }

    return cell.ErrorCount > 0 ? 1 : 0;
}

// Collections counted by generation (a gen1 count includes the gen2 ones), and the total time the runtime paused.
static (int Gen0, int Gen1, int Gen2, TimeSpan Paused) Collections() =>
    (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

static TimeSpan Cpu(Process process)
{
    process.Refresh();
    return process.TotalProcessorTime;
}

static KeyValuePair<string, string>[] PlaintextParameters(string keyId) =>
    [new("KeyId", keyId), new("Plaintext", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))];

static async Task<KeyValuePair<string, string>[]> SignParametersAsync(
    HttpClient http, RequestSigner signer, string spec, string algorithm, string digest)
{
    var metadata = (await CallAsync(http, signer, "CreateKey", [new("KeySpec", spec), new("KeyUsage", "SIGN/VERIFY")])).GetProperty("KeyMetadata");
    return
    [
        new("KeyId", metadata.GetProperty("KeyId").GetString()!),
        new("KeyVersionId", metadata.GetProperty("PrimaryKeyVersion").GetString()!),
        new("Algorithm", algorithm),
        new("Digest", digest),
    ];
}

static async Task<JsonElement> CallAsync(HttpClient http, RequestSigner signer, string action, IReadOnlyList<KeyValuePair<string, string>> parameters)
{
    using var request = signer.Build(action, parameters);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException(action + " failed during setup: " + text);
    }

    return JsonDocument.Parse(text).RootElement.Clone();
}
