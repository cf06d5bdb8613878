using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// The official client in the load: <c>tests/compat/multinode-load.js</c> sends writes through
/// <c>@alicloud/kms20160120</c> to one node, one after another, and reports each write before sending it and after
/// its 200, so the ledger tracks it exactly as it tracks a <see cref="CrashWorker"/> (acknowledged, or in flight at a
/// kill). It needs node and the compat harness's packages (<c>npm ci</c> in tests/compat): without them the test is
/// skipped locally and fails under CI.
/// </summary>
internal sealed class OfficialClientWorker(int index, CrashLedger ledger)
{
    private int _acknowledged;

    /// <summary>How many of its writes were acknowledged, over all runs.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>The script, or a skip (locally) or failure (under CI) when node or the packages are missing.</summary>
    public static string RequireScript()
    {
        var script = SourceTree.Find(Path.Combine("tests", "compat", "multinode-load.js"));
        var package = Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "@alicloud", "kms20160120");
        if (Directory.Exists(package) && OnPath("node"))
        {
            return script;
        }

        var reason = $"the official client is missing: node and {package} (npm ci in tests/compat) are needed";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + "; under CI this test must run (.ci/test.sh installs them first)");
        }

        Assert.Skip(reason);
        return script;
    }

    /// <summary>Runs the script against <paramref name="endpoint"/> until <paramref name="stop"/> (then it ends its call in flight) or a call fails.</summary>
    public async Task RunAsync(
        string script, Uri endpoint, string accessKeyId, string accessKeySecret, string prefix, int seed, int cycle, CancellationToken stop)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add(prefix);
        start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        start.Environment["COFFER_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["COFFER_ACCESS_KEY_SECRET"] = accessKeySecret;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var registration = stop.Register(() =>
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It has ended already.
            }
        });

        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            switch (root.GetProperty("event").GetString())
            {
                case "send":
                    ledger.Send(index, Operation(root));
                    break;
                case "ack":
                    ledger.Acknowledge(index, Operation(root) with { Cycle = cycle });
                    Interlocked.Increment(ref _acknowledged);
                    break;
                case "refused":
                    ledger.Refuse(root.GetProperty("status").GetInt32(), root.GetProperty("code").GetString());
                    break;
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        Assert.True(process.ExitCode == 0, $"multinode-load.js exited with {process.ExitCode}: {await stderr}");
    }

    private static WriteOperation Operation(JsonElement op) => new(
        Enum.Parse<WriteKind>(op.GetProperty("kind").GetString()!),
        Text(op, "target"),
        Text(op, "value"),
        Text(op, "version"),
        Text(op, "data"));

    private static string Text(JsonElement op, string name) => op.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));
}
