using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Coffer.Testing;

[assembly: AssemblyFixture(typeof(PostgresDatabasesCleanup))]

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// Many nodes, one crashing (issue 7 item 5): three <c>coffer serve</c> processes on one PostgreSQL database under the
/// crash harness's write load from six signed clients and one official client (<c>@alicloud/kms20160120</c>, through
/// <c>tests/compat/multinode-load.js</c>) spread over the nodes (each cycle moves every client to another node, so
/// objects made through one node are changed through the others). In each cycle one node, chosen at
/// random, is SIGKILLed while the load runs; the other two keep serving it; then the load stops, the database is
/// read, and the node is restarted. Every acknowledged write must be in the database and served back (every alias resolving to the same key on every node),
/// no alias may point at two keys, no key may hold a version no write accounts for, and every ciphertext must decrypt
/// on every node.
/// </summary>
/// <remarks>COFFER_MULTINODE_KILLS sets the number of kills (default 3, the CI run); COFFER_CRASH_SEED repeats a run's schedule.</remarks>
public sealed class PostgresMultiNodeCrashTests(ITestOutputHelper output)
{
    private const int Nodes = 3;
    private const int Workers = 6;
    private const string AccessKeyId = "LTAImultinodeharness000";
    private const string AccessKeySecret = "multinodeharnesssecret00000000";
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThreeNodes_OneSigkilledMidRunAndRestarted_KeepEveryAcknowledgedWriteOnEveryNode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await PostgresTestDatabases.CreateAsync(cancellationToken);
        var officialScript = OfficialClientWorker.RequireScript();
        var kills = int.Parse(Environment.GetEnvironmentVariable("COFFER_MULTINODE_KILLS") ?? "3", CultureInfo.InvariantCulture);
        var seed = ulong.Parse(
            Environment.GetEnvironmentVariable("COFFER_CRASH_SEED") ?? RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);
        Report($"multi-node harness: seed {seed}, {Nodes} nodes, {kills} kills, {Workers} workers");
        var random = new SeededRandom(seed);
        using var temp = new TempFolder();
        var rootKey = TempFolder.NewRootKey();
        var environments = Enumerable.Range(1, Nodes).Select(n => new Dictionary<string, string>
        {
            ["COFFER_ROOT_KEY"] = rootKey,
            ["COFFER_BOOTSTRAP_ACCESS_KEY_ID"] = AccessKeyId,
            ["COFFER_BOOTSTRAP_ACCESS_KEY_SECRET"] = AccessKeySecret,
            ["COFFER_STORE"] = "postgres",
            ["COFFER_POSTGRES"] = database,
            ["COFFER_HOST_ID"] = $"node-{n}",
        }).ToArray();
        var folders = Enumerable.Range(1, Nodes).Select(n => temp.Combine($"node{n}")).ToArray();
        var ledger = new CrashLedger();
        var workers = Enumerable.Range(0, Workers).Select(i => new CrashWorker(i, ledger)).ToArray();
        var official = new OfficialClientWorker(Workers, ledger);
        var clock = Stopwatch.StartNew();
        var listed = (Keys: 0, Aliases: 0, Secrets: 0);

        // All three start at once on the empty database: one initialises it, the others wait and use it.
        var servers = await Task.WhenAll(Enumerable.Range(0, Nodes).Select(n => CofferServerProcess.StartAsync(folders[n], environments[n])));
        try
        {
            for (var cycle = 1; cycle <= kills; cycle++)
            {
                var clients = servers.Select(s => s.Client(AccessKeyId, AccessKeySecret)).ToArray();
                var officialBefore = official.Acknowledged;
                using var stop = new CancellationTokenSource();
                var loadTime = Stopwatch.StartNew();

                // The official client (a node process, slower to start) goes first; the signed clients join once it has a
                // write answered, so the load of a cycle stays small and every kill meets all of them.
                var officialLoad = official.RunAsync(
                    officialScript, servers[cycle % Nodes].Endpoint, AccessKeyId, AccessKeySecret, $"official-c{cycle}", random.Next(1, int.MaxValue), cycle, stop.Token);
                while (official.Acknowledged == officialBefore && loadTime.Elapsed < FirstAnswerTimeout && !officialLoad.IsCompleted)
                {
                    await Task.Delay(10, cancellationToken);
                }

                Assert.True(official.Acknowledged > officialBefore, $"the official client had no write answered within {FirstAnswerTimeout.TotalSeconds} s of cycle {cycle}; "
                    + $"refusals: {ledger.Refusals}");
                var before = ledger.AcknowledgedCount;
                var load = workers.Select((w, i) => w.RunAsync(clients[(i + cycle) % Nodes], signV3: i % 2 == 1, random.Fork(), cycle, stop.Token))
                    .Append(officialLoad)
                    .ToArray();
                while (ledger.AcknowledgedCount - before < Workers && loadTime.Elapsed < FirstAnswerTimeout && !load.All(t => t.IsCompleted))
                {
                    await Task.Delay(10, cancellationToken);
                }

                Assert.True(ledger.AcknowledgedCount > before, $"no write was answered within {FirstAnswerTimeout.TotalSeconds} s of cycle {cycle}; refusals: {ledger.Refusals}");
                await Task.Delay(random.Next(200, 1500), cancellationToken);
                var victim = random.Next(Nodes);
                await CrashConsistencyTests.KillAsync(servers[victim], "under load");
                var atKill = ledger.AcknowledgedCount;

                // The other two nodes keep serving their clients while one is dead.
                await Task.Delay(random.Next(300, 1000), cancellationToken);
                stop.Cancel();
                await Task.WhenAll(load).WaitAsync(LoadTimeout, cancellationToken);
                servers[victim].Dispose();
                output.WriteLine($"kill {cycle}: node-{victim + 1}, {loadTime.ElapsedMilliseconds} ms into the load; {atKill} acknowledged at the kill, "
                    + $"{ledger.AcknowledgedCount} when the load stopped");

                await CheckDatabaseAsync(database, ledger, cycle, cancellationToken);
                servers[victim] = await CofferServerProcess.StartAsync(folders[victim], environments[victim]);
                await ledger.CheckServedAsync(
                    servers[victim].Client(AccessKeyId, AccessKeySecret), ledger.Acknowledged.Where(o => o.Cycle == cycle), $"after kill {cycle}", cancellationToken);
            }

            // One node serves every acknowledged write (keys and versions, aliases, secrets, ciphertexts); every other node
            // resolves every alias to the same key and decrypts every ciphertext.
            await ledger.CheckServedAsync(servers[0].Client(AccessKeyId, AccessKeySecret), ledger.Acknowledged, "at the end on node-1", cancellationToken);
            for (var n = 1; n < Nodes; n++)
            {
                await ledger.CheckServedAsync(
                    servers[n].Client(AccessKeyId, AccessKeySecret),
                    ledger.Acknowledged.Where(o => o.Kind is WriteKind.Encrypt or WriteKind.CreateAlias or WriteKind.UpdateAlias),
                    $"at the end on node-{n + 1}",
                    cancellationToken);
            }

            var (problems, keyIds, aliases, secrets) = await ServedInvariants.ListingsAsync(servers[0].Client(AccessKeyId, AccessKeySecret), cancellationToken);
            ledger.Violations.AddRange(problems.Select(p => "at the end: " + p));
            listed = (keyIds.Count, aliases, secrets);
            await CheckDatabaseAsync(database, ledger, kills, cancellationToken);
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }
        }

        var acknowledged = ledger.Acknowledged;
        var lost = ledger.Lost;
        Report($"multi-node harness: seed {seed}: {kills} kills, {acknowledged.Count} operations acknowledged, {acknowledged.Count - lost.Count} found, "
            + $"{lost.Count} lost, {ledger.UnacknowledgedPresent} unacknowledged-but-present, {ledger.UnacknowledgedAbsent} unacknowledged-and-absent, "
            + $"{ledger.Violations.Count} invariant violations, refusals: {ledger.Refusals}; at the end {listed.Keys} keys, {listed.Aliases} aliases, "
            + $"{listed.Secrets} secrets, every alias and ciphertext checked on {Nodes} nodes; {official.Acknowledged} of the writes by the official client; "
            + $"{clock.Elapsed.TotalSeconds:F0} s");
        Report("multi-node harness: acknowledged by action: " + ledger.AcknowledgedByAction());

        ledger.AssertNothingLost($"seed {seed}");
        Assert.True(ledger.Refusals == "none", "a live node refused the load: " + ledger.Refusals);
        Assert.True(acknowledged.Count >= kills * Workers, $"seed {seed}: only {acknowledged.Count} writes were acknowledged in {kills} cycles");
    }

    private static async Task CheckDatabaseAsync(string database, CrashLedger ledger, int kill, CancellationToken cancellationToken)
    {
        var snapshot = await DatabaseSnapshot.ReadPostgresAsync(database, cancellationToken);
        ledger.Violations.AddRange(snapshot.Violations.Select(v => $"after kill {kill}: {v}"));
        ledger.Settle(snapshot, kill);
        ledger.CheckStored(snapshot, kill);
        ledger.CheckNoExtraVersions(snapshot, $"after kill {kill}");
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }
}
