using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Bench;

// coffer-bench: measures a bare Kestrel floor and then the real Coffer host with the same signing load generator.
//   coffer-bench            manual mode, ~10 s per cell, connections 1, 8, 32, 64, plus an open-loop run
//   coffer-bench --quick    CI mode, ~1 s per cell, 8 connections; exits 1 if any request fails. Asserts no timing.
var quick = args.Contains("--quick");
if (args.Any(a => a != "--quick"))
{
    Console.Error.WriteLine("usage: coffer-bench [--quick]");
    return 2;
}

var duration = TimeSpan.FromSeconds(quick ? 1 : 10);
var warmup = TimeSpan.FromSeconds(quick ? 0.5 : 2);
int[] connectionCounts = quick ? [8] : [1, 8, 32, 64];
var cells = new List<CellResult>();
var command = "coffer-bench" + (quick ? " --quick" : "");
Console.WriteLine(Report.Header(command, duration.TotalSeconds));

void Show(CellResult cell)
{
    cells.Add(cell);
    Console.Error.WriteLine(Report.Table([cell]).Split('\n')[1]);
}

// The floor first, with the same signer (same client-side cost), one Encrypt-shaped request.
var floor = await FloorServer.StartAsync();
try
{
    var floorSigner = new RequestSigner(new Uri(floor.Urls.First() + "/"), "LTAIfloor", "floor-secret");
    var plaintextParameters = PlaintextParameters("key-floor");
    foreach (var n in connectionCounts)
    {
        Show(await LoadGenerator.ClosedLoopAsync("floor", floorSigner, "Encrypt", () => plaintextParameters, n, duration, warmup));
    }
}
finally
{
    await floor.StopAsync();
    await floor.DisposeAsync();
}

await using (var coffer = new CofferHost())
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
    (string Action, IReadOnlyList<KeyValuePair<string, string>> Parameters)[] actions =
    [
        ("Encrypt", encryptParameters),
        ("Decrypt", decryptParameters),
        ("GenerateDataKey", dataKeyParameters),
        ("CreateKey", createKeyParameters),
    ];
    foreach (var (action, parameters) in actions)
    {
        foreach (var n in connectionCounts)
        {
            Show(await LoadGenerator.ClosedLoopAsync("coffer", signer, action, () => parameters, n, duration, warmup));
        }
    }

    // Open loop: Encrypt at half of the best closed-loop Encrypt rate measured above, latency from the intended send time.
    var peak = cells.Where(c => c.Target == "coffer" && c.Action == "Encrypt").Max(c => c.Throughput);
    var rate = Math.Max(10, Math.Round(peak / 2));
    Show(await LoadGenerator.OpenLoopAsync("coffer", signer, "Encrypt", () => encryptParameters, 64, rate, duration));
}

Console.WriteLine(Report.Table(cells));
Console.WriteLine(Report.Ratios(cells));

// Start-up: `coffer serve` as its own process, from process start to the first answered request.
if (StartupProbe.FindCofferDll() is { } cofferDll)
{
    var (first, restart) = await StartupProbe.MeasureAsync(cofferDll);
    Console.WriteLine(FormattableString.Invariant(
        $"start-up (coffer serve process to first answered request): first start {first:0} ms (initialises the data folder), restart {restart:0} ms"));
}
else
{
    Console.WriteLine("start-up: not measured (build src/Coffer.Cli -c Release first)");
}

var failed = cells.Sum(c => c.ErrorCount);
if (failed > 0)
{
    Console.WriteLine(failed.ToString(CultureInfo.InvariantCulture) + " requests failed");
    return 1;
}

return 0;

static KeyValuePair<string, string>[] PlaintextParameters(string keyId) =>
    [new("KeyId", keyId), new("Plaintext", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))];

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
