using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// Failover (issue 7 item 3): <c>coffer serve</c> on a multi-host connection string to a PostgreSQL primary and its
/// synchronous streaming standby, under the crash harness's write load. The primary is stopped as a crash would
/// (<c>pg_ctl stop -m immediate</c>), the standby is promoted (its synchronous_standby_names cleared); meanwhile Coffer
/// must answer ServiceUnavailableTemporary and nothing else, then serve again by itself (same process), and every
/// write it acknowledged before the crash must be on the promoted server.
/// </summary>
public sealed class PostgresFailoverTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int WritesBeforeCrash = 60;
    private const int WritesAfterRecovery = 40;
    private const string AccessKeyId = "LTAIfailoverharness0000";
    private const string AccessKeySecret = "failoverharnesssecret000000000";
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GapHeld = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Serve_PrimaryCrashesAndStandbyIsPromoted_AnswersServiceUnavailableThenRecoversWithEveryAcknowledgedWrite()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var pair = await PostgresClusters.StartPairAsync(cancellationToken);
        await pair.CreateDatabaseAsync("coffer", cancellationToken);
        var seed = ulong.Parse(RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var random = new SeededRandom(seed);
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["COFFER_ROOT_KEY"] = TempFolder.NewRootKey(),
            ["COFFER_BOOTSTRAP_ACCESS_KEY_ID"] = AccessKeyId,
            ["COFFER_BOOTSTRAP_ACCESS_KEY_SECRET"] = AccessKeySecret,
            ["COFFER_STORE"] = "postgres",
            ["COFFER_POSTGRES"] = pair.MultiHost("coffer"),
        };
        using var server = await CofferServerProcess.StartAsync(temp.Combine("data"), environment);
        var client = server.Client(AccessKeyId, AccessKeySecret);
        var probeKey = await client.CreateKeyAsync();
        var ledger = new CrashLedger();
        var workers = Enumerable.Range(0, Workers).Select(i => new CrashWorker(i, ledger)).ToArray();

        // Before: the load runs on the primary; every commit waits for the standby.
        await RunLoadAsync(workers, client, random, cycle: 1, WritesBeforeCrash, ledger, cancellationToken);
        var beforeCrash = ledger.AcknowledgedCount;

        using var probing = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var probes = new List<(TimeSpan At, HttpStatusCode Status, string? Code)>();
        var prober = ProbeAsync(client, probeKey, clock, probes, probing.Token);
        using var stopLoad = new CancellationTokenSource();
        var load = workers.Select((w, i) => w.RunAsync(client, signV3: i % 2 == 1, random.Fork(), cycle: 2, stopLoad.Token)).ToArray();
        await Task.Delay(random.Next(50, 500), cancellationToken);

        var crashedAt = clock.Elapsed;
        await pair.KillPrimaryAsync(cancellationToken);
        await WaitForAsync(() => Seen(probes, crashedAt, ok: false), RecoveryBound, "no refusal after the primary crashed", cancellationToken);
        stopLoad.Cancel();
        await Task.WhenAll(load).WaitAsync(LoadTimeout, cancellationToken);
        await Task.Delay(GapHeld, cancellationToken);

        var promotedAt = clock.Elapsed;
        await pair.PromoteStandbyAsync(cancellationToken);
        var promoteReturnedAt = clock.Elapsed;
        await WaitForAsync(() => Seen(probes, promotedAt, ok: true), RecoveryBound, "Coffer did not recover after the promotion", cancellationToken);
        probing.Cancel();
        await prober;

        // What the promoted standby holds: every write acknowledged before the crash, nothing half there.
        var database = PostgresPair.Single(pair.StandbyPort, "coffer");
        var snapshot = await CheckDatabaseAsync(database, ledger, "after the failover", cancellationToken);
        AssertNothingLost(ledger, seed, "after the failover");

        // After: the same process writes to the promoted server.
        var beforeRecoveryLoad = ledger.AcknowledgedCount;
        await RunLoadAsync(workers, client, random, cycle: 3, WritesAfterRecovery, ledger, cancellationToken);
        var afterRecovery = ledger.AcknowledgedCount - beforeRecoveryLoad;
        await ledger.CheckServedAsync(client, ledger.Acknowledged, "after the failover", cancellationToken);
        snapshot = await CheckDatabaseAsync(database, ledger, "at the end", cancellationToken);

        List<(TimeSpan At, HttpStatusCode Status, string? Code)> gap;
        lock (probes)
        {
            gap = [.. probes.Where(p => p.At >= crashedAt)];
        }

        var firstRefusal = gap.First(p => p.Status != HttpStatusCode.OK).At;
        var recovered = gap.First(p => p.At >= promotedAt && p.Status == HttpStatusCode.OK).At;
        var refusedInGap = gap.Count(p => p.At < recovered && p.Status != HttpStatusCode.OK);
        var strange = gap.Where(p => p.Status != HttpStatusCode.OK && !(p.Status == HttpStatusCode.ServiceUnavailable && p.Code == "ServiceUnavailableTemporary"))
            .Select(p => $"{(int)p.Status} {p.Code}").Distinct().ToList();
        var acknowledged = ledger.Acknowledged;
        var lost = ledger.Lost;
        Report($"failover: seed {seed}: {beforeCrash} writes acknowledged before the load that met the crash; first refusal "
            + $"{Ms(firstRefusal - crashedAt)} ms after the crash; promotion took {Ms(promoteReturnedAt - promotedAt)} ms; first answer 200 "
            + $"{Ms(recovered - crashedAt)} ms after the crash ({Ms(recovered - promotedAt)} ms after the promotion started, "
            + $"{Ms(recovered - promoteReturnedAt)} ms after it returned); {refusedInGap} probes refused in the gap, other refusals: "
            + $"{(strange.Count == 0 ? "none" : string.Join(", ", strange))}; workers' refusals: {ledger.Refusals}");
        Report($"failover: {acknowledged.Count} operations acknowledged, {acknowledged.Count - lost.Count} found, {lost.Count} lost, "
            + $"{ledger.UnacknowledgedPresent} unacknowledged-but-present, {ledger.UnacknowledgedAbsent} unacknowledged-and-absent, "
            + $"{afterRecovery} acknowledged after the recovery, {ledger.Violations.Count} invariant violations; "
            + $"{snapshot.Keys.Count} keys, {snapshot.Aliases.Count} aliases, {snapshot.Secrets.Count} secrets; {clock.Elapsed.TotalSeconds:F0} s");

        AssertNothingLost(ledger, seed, "at the end");
        Assert.True(strange.Count == 0, "during the failover Coffer answered " + string.Join(", ", strange));
        Assert.True(ledger.Refusals == "none" || ledger.Refusals.Split(", ").All(r => r.EndsWith("× 503 ServiceUnavailableTemporary", StringComparison.Ordinal)),
            "the load was refused otherwise than with 503 ServiceUnavailableTemporary: " + ledger.Refusals);
        Assert.True(afterRecovery >= WritesAfterRecovery, $"only {afterRecovery} writes were acknowledged after the recovery");
    }

    /// <summary>
    /// Runs the load until <paramref name="writes"/> more writes are acknowledged, then stops it (between requests, so
    /// nothing stays in flight); fails if the server refuses or dies first.
    /// </summary>
    private static async Task RunLoadAsync(
        CrashWorker[] workers, SigningClient client, SeededRandom random, int cycle, int writes, CrashLedger ledger, CancellationToken cancellationToken)
    {
        var target = ledger.AcknowledgedCount + writes;
        using var stop = new CancellationTokenSource();
        var load = workers.Select((w, i) => w.RunAsync(client, signV3: i % 2 == 1, random.Fork(), cycle, stop.Token)).ToArray();
        await WaitForAsync(() => ledger.AcknowledgedCount >= target || load.Any(t => t.IsCompleted), LoadTimeout,
            $"fewer than {writes} writes acknowledged in cycle {cycle}", cancellationToken);
        stop.Cancel();
        await Task.WhenAll(load).WaitAsync(LoadTimeout, cancellationToken);
        Assert.True(ledger.AcknowledgedCount >= target, $"cycle {cycle}: the load stopped after {ledger.AcknowledgedCount} writes; refusals: {ledger.Refusals}");
    }

    /// <summary>A signed DescribeKey every 50 ms, each answer noted with when it came.</summary>
    private static async Task ProbeAsync(
        SigningClient client, string keyId, Stopwatch clock, List<(TimeSpan, HttpStatusCode, string?)> probes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var response = await client.CallV2Async("DescribeKey", new Dictionary<string, string> { ["KeyId"] = keyId }, cancellationToken: CancellationToken.None);
            lock (probes)
            {
                probes.Add((clock.Elapsed, response.Status, response.Status == HttpStatusCode.OK ? null : response.Code));
            }

            try
            {
                await Task.Delay(ProbeInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool Seen(List<(TimeSpan At, HttpStatusCode Status, string? Code)> probes, TimeSpan since, bool ok)
    {
        lock (probes)
        {
            return probes.Any(p => p.At >= since && (p.Status == HttpStatusCode.OK) == ok);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string failure, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < timeout, $"{failure} within {timeout.TotalSeconds} s");
            await Task.Delay(10, cancellationToken);
        }
    }

    private static async Task<DatabaseSnapshot> CheckDatabaseAsync(string database, CrashLedger ledger, string when, CancellationToken cancellationToken)
    {
        var snapshot = await DatabaseSnapshot.ReadPostgresAsync(database, cancellationToken);
        ledger.Violations.AddRange(snapshot.Violations.Select(v => $"{when}: {v}"));
        ledger.Settle(snapshot, 1);
        ledger.CheckStored(snapshot, 1);
        ledger.CheckNoExtraVersions(snapshot, when);
        return snapshot;
    }

    /// <summary>Fails, with the counts and the first lost writes and violations, when anything acknowledged is missing.</summary>
    private void AssertNothingLost(CrashLedger ledger, ulong seed, string when)
    {
        var lost = ledger.Lost;
        if (lost.Count > 0 || ledger.Violations.Count > 0)
        {
            Report($"failover: {when}: {ledger.AcknowledgedCount} operations acknowledged, {ledger.AcknowledgedCount - lost.Count} found, {lost.Count} lost, "
                + $"{ledger.Violations.Count} invariant violations");
        }

        ledger.AssertNothingLost($"seed {seed}: {when}");
    }

    private static long Ms(TimeSpan t) => (long)t.TotalMilliseconds;

    private void Report(string line)
    {
        output.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }
}
