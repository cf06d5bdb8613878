using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// Crash consistency on SQLite (issue 7, SECURITY.md §2.5): the real <c>coffer serve</c> is SIGKILLed at random
/// moments of a write load from several signed clients, then restarted. After every kill, every acknowledged write
/// must be in coffer.db and served back, nothing unanswered may be half there, and <c>PRAGMA integrity_check</c> must
/// say ok. A kill cannot tell <c>synchronous=FULL</c> from NORMAL (the OS keeps the page cache): power loss is not
/// tested here (docs/deployment.md).
/// </summary>
/// <remarks>
/// COFFER_CRASH_KILLS sets the number of kills (default 50, the CI run); COFFER_CRASH_SEED repeats a run's
/// schedule (operation choices and kill delays; the timing of the real processes still varies).
/// </remarks>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const double StartupKillShare = 0.1;
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(60);
    private const string AccessKeyId = "LTAIcrashharness0000000";
    private const string AccessKeySecret = "crashharnesssecret000000000000";

    [Fact]
    public async Task Serve_SigkilledDuringWriteLoad_KeepsEveryAcknowledgedWrite()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var kills = int.Parse(Environment.GetEnvironmentVariable("COFFER_CRASH_KILLS") ?? "50", CultureInfo.InvariantCulture);
        var seed = ulong.Parse(
            Environment.GetEnvironmentVariable("COFFER_CRASH_SEED") ?? RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);
        Report($"crash harness: seed {seed} (COFFER_CRASH_SEED={seed} repeats the schedule), {kills} kills, {Workers} workers");
        var random = new SeededRandom(seed);
        using var temp = new TempFolder();
        var data = temp.Combine("data");
        var database = Path.Combine(data, "coffer.db");
        var environment = new Dictionary<string, string>
        {
            ["COFFER_ROOT_KEY"] = TempFolder.NewRootKey(),
            ["COFFER_BOOTSTRAP_ACCESS_KEY_ID"] = AccessKeyId,
            ["COFFER_BOOTSTRAP_ACCESS_KEY_SECRET"] = AccessKeySecret,
        };
        var ledger = new CrashLedger();
        var workers = Enumerable.Range(0, Workers).Select(i => new CrashWorker(i, ledger)).ToArray();
        var clock = Stopwatch.StartNew();
        var killed = 0;
        var startupKills = 0;
        var knownKeys = new HashSet<string>(StringComparer.Ordinal);
        var integrityChecks = 0;
        var listed = (Keys: 0, Aliases: 0, Secrets: 0);

        // The first start initialises the folder; it is never killed (a half-initialised folder is refused by design).
        var server = await CofferServerProcess.StartAsync(data, environment);
        try
        {
            while (killed < kills)
            {
                var cycle = killed + 1;
                var client = server.Client(AccessKeyId, AccessKeySecret);
                using var stop = new CancellationTokenSource();
                var load = workers.Select((w, i) => w.RunAsync(client, signV3: i % 2 == 1, random.Fork(), cycle, stop.Token)).ToArray();
                // The delay counts from the first answer of the cycle, so that no kill falls into a cold start's JIT
                // warm-up, when nothing is answered yet.
                var before = ledger.AcknowledgedCount;
                var loadTime = Stopwatch.StartNew();
                while (ledger.AcknowledgedCount == before && loadTime.Elapsed < FirstAnswerTimeout && !load.All(t => t.IsCompleted))
                {
                    await Task.Delay(10, cancellationToken);
                }

                Assert.True(ledger.AcknowledgedCount > before, $"no write was answered within {FirstAnswerTimeout.TotalSeconds} s of cycle {cycle}; "
                    + $"refusals: {ledger.Refusals}\n{server.Process.Describe()}");
                var delay = KillDelay(random);
                await Task.Delay(delay, cancellationToken);
                await KillAsync(server, "under load");
                stop.Cancel();
                await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
                server.Dispose();
                killed++;
                output.WriteLine($"kill {killed}: {loadTime.ElapsedMilliseconds} ms into the load of cycle {cycle} ({delay.TotalMilliseconds} ms after its first answer), "
                    + $"{ledger.AcknowledgedCount} acknowledged so far");
                var snapshot = await CheckDatabaseAsync(database, ledger, killed, cancellationToken);
                integrityChecks++;

                if (killed < kills && random.Chance(StartupKillShare))
                {
                    // A kill while the next server starts (opening the database, maybe recovering the WAL).
                    using var starting = CofferServerProcess.Launch(data, environment);
                    await Task.Delay(random.Next(0, 1500), cancellationToken);
                    await KillAsync(starting, "while starting");
                    killed++;
                    startupKills++;
                    output.WriteLine($"kill {killed}: a starting server");
                    snapshot = await CheckDatabaseAsync(database, ledger, killed, cancellationToken);
                    integrityChecks++;
                }

                server = await CofferServerProcess.StartAsync(data, environment);
                var checker = server.Client(AccessKeyId, AccessKeySecret);
                await ledger.CheckServedAsync(checker, ledger.Acknowledged.Where(o => o.Cycle == cycle), $"after kill {killed}", cancellationToken);
                var newKeys = snapshot.Keys.Keys.Where(knownKeys.Add).ToList();
                foreach (var problem in await ServedInvariants.UsableAsync(checker, newKeys, cancellationToken))
                {
                    ledger.Violations.Add($"after kill {killed}: {problem}");
                }
            }

            var final = server.Client(AccessKeyId, AccessKeySecret);
            await ledger.CheckServedAsync(final, ledger.Acknowledged, "at the end", cancellationToken);
            var (problems, keyIds, aliases, secrets) = await ServedInvariants.ListingsAsync(final, cancellationToken);
            ledger.Violations.AddRange(problems.Select(p => "at the end: " + p));
            listed = (keyIds.Count, aliases, secrets);
        }
        finally
        {
            server.Dispose();
        }

        var acknowledged = ledger.Acknowledged;
        var lost = ledger.Lost;
        Report($"crash harness: seed {seed}: {killed} kills ({startupKills} while starting), {acknowledged.Count} operations acknowledged, "
            + $"{acknowledged.Count - lost.Count} found, {lost.Count} lost, {ledger.UnacknowledgedPresent} unacknowledged-but-present, "
            + $"{ledger.UnacknowledgedAbsent} unacknowledged-and-absent, {integrityChecks} integrity checks ok, "
            + $"{ledger.Violations.Count} invariant violations, refusals: {ledger.Refusals}; at the end {listed.Keys} keys, {listed.Aliases} aliases, "
            + $"{listed.Secrets} secrets; {clock.Elapsed.TotalSeconds:F0} s");
        Report("crash harness: acknowledged by action: " + ledger.AcknowledgedByAction());

        ledger.AssertNothingLost($"seed {seed}");
        Assert.True(kills == 0 || acknowledged.Count >= kills, $"seed {seed}: only {acknowledged.Count} writes were acknowledged in {kills} cycles");
    }

    private static TimeSpan KillDelay(SeededRandom random) =>
        TimeSpan.FromMilliseconds(random.Chance(0.25) ? random.Next(20, 300) : random.Next(300, 2000));

    /// <summary>SIGKILLs the server and checks that it was still running until then.</summary>
    internal static async Task KillAsync(CofferServerProcess server, string when)
    {
        server.Process.Kill();
        var exitCode = await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // 128 + SIGKILL: anything else means the server ended by itself before the kill.
        Assert.True(exitCode == 137, $"coffer exited with {exitCode} before the kill {when}\n{server.Process.Describe()}");
    }

    private static async Task<DatabaseSnapshot> CheckDatabaseAsync(string database, CrashLedger ledger, int kill, CancellationToken cancellationToken)
    {
        var snapshot = await DatabaseSnapshot.ReadAsync(database, cancellationToken);
        Assert.True(snapshot.IntegrityCheck == "ok", $"after kill {kill}: PRAGMA integrity_check says {snapshot.IntegrityCheck}");
        ledger.Violations.AddRange(snapshot.Violations.Select(v => $"after kill {kill}: {v}"));
        ledger.Settle(snapshot, kill);
        ledger.CheckStored(snapshot, kill);
        return snapshot;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }
}
