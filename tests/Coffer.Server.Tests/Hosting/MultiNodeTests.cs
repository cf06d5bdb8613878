using System.Diagnostics;
using System.Net;
using Coffer.Core;
using Coffer.Core.Background;
using Coffer.Crypto.Wrapping;
using Coffer.Server.Tests.Actions;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Hosting;

/// <summary>
/// Two real Coffer hosts on one PostgreSQL database behave as one service (issue 7, many nodes): what one node wrote
/// or refused, the other knows; the node that answered names itself in HostId.
/// </summary>
public sealed class MultiNodeTests(ITestOutputHelper output)
{
    /// <summary>
    /// How long a node may keep serving a key state another node changed: the cache-invalidation bound of the record
    /// caches (<see cref="KmsOptions.StoreCacheBound"/>, the default the cluster runs with). The test polls, and fails
    /// only past ten times the bound.
    /// </summary>
    private static readonly TimeSpan StateBound = new KmsOptions().StoreCacheBound;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodes_OneDatabase_ShareCiphertextsNoncesAndKeyStates()
    {
        PostgresApplicationFactory.Require();
        await using var cluster = await Cluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);
        var keyId = await a.Client.CreateKeyAsync();

        var blob = await a.Client.EncryptAsync(keyId, "written on A");
        var decryptedOnB = Expect.Ok(await b.Client.DecryptAsync(blob));

        Assert.Equal("written on A", decryptedOnB.GetProperty("Plaintext").GetString());

        // A request captured on its way to A is refused when replayed to B.
        using var toA = a.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.GetQuery);
        var query = toA.RequestUri!.Query;
        Expect.Ok(await a.Client.SendMessageAsync(toA));
        using var replayToB = new HttpRequestMessage(HttpMethod.Get, new Uri(b.Endpoint, query));
        var replayed = await b.Client.SendMessageAsync(replayToB);
        AssertError(replayed, "SignatureNonceUsed", HttpStatusCode.BadRequest, b.HostId);

        // A key disabled through A is refused by B.
        await a.Client.DisableKeyAsync(keyId);
        var delay = await TimeUntilRefusedAsync(() => b.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "after disable"))));
        output.WriteLine($"DisableKey on node A refused by node B after {delay.TotalMilliseconds:F0} ms (bound {StateBound.TotalMilliseconds:F0} ms)");
        var refused = await b.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "still disabled")));
        AssertError(refused, "Rejected.Disabled", HttpStatusCode.Conflict, b.HostId);

        // Errors name the node that answered.
        AssertError(await a.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "missing"))), "Forbidden.KeyNotFound", HttpStatusCode.NotFound, a.HostId);
        AssertError(await b.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "missing"))), "Forbidden.KeyNotFound", HttpStatusCode.NotFound, b.HostId);
    }

    [Fact]
    public async Task TwoNodes_SchedulersRunTogether_DeleteAndRotateEachDueKeyOnce()
    {
        PostgresApplicationFactory.Require();
        var time = new ShiftedClock();

        // The background passes stay out of the way (a month apart); the test runs the schedulers itself.
        await using var cluster = await Cluster.StartAsync(time, new KmsOptions { SchedulerInterval = TimeSpan.FromDays(30) });
        var (a, b) = (cluster.A, cluster.B);
        var doomed = new List<string>();
        var rotating = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var key = await a.Client.CreateKeyAsync();
            Expect.Ok(await a.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", key), ("PendingWindowInDays", "7"))));
            doomed.Add(key);
            var rotated = Expect.Ok(await b.Client.CallAsync(
                "CreateKey", Params.Of(("EnableAutomaticRotation", "true"), ("RotationInterval", "7d"))));
            rotating.Add(rotated.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!);
        }

        time.Advance(TimeSpan.FromDays(8));
        var passes = await Task.WhenAll(
            Task.Run(() => a.Services.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct),
            Task.Run(() => b.Services.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct),
            Task.Run(() => a.Services.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct),
            Task.Run(() => b.Services.GetRequiredService<KeyScheduler>().RunOnceAsync(Ct), Ct));

        output.WriteLine($"deleted per pass: {string.Join(", ", passes.Select(p => p.Deleted))}; rotated: {string.Join(", ", passes.Select(p => p.Rotated))}");
        Assert.Equal(doomed.Count, passes.Sum(p => p.Deleted));
        Assert.Equal(rotating.Count, passes.Sum(p => p.Rotated));
        foreach (var key in doomed)
        {
            AssertError(await b.Client.CallAsync("DescribeKey", Params.Of(("KeyId", key))), "Forbidden.KeyNotFound", HttpStatusCode.NotFound, b.HostId);
        }

        foreach (var key in rotating)
        {
            var versions = Expect.Ok(await a.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", key))));
            Assert.Equal(2, versions.GetProperty("TotalCount").GetInt32());
        }
    }

    private static async Task<TimeSpan> TimeUntilRefusedAsync(Func<Task<CofferResponse>> call)
    {
        var deadline = StateBound * 10;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await call();
            if (response.Status != HttpStatusCode.OK)
            {
                return clock.Elapsed;
            }

            Assert.True(clock.Elapsed <= deadline, $"still served {clock.Elapsed.TotalMilliseconds:F0} ms after the change (bound {StateBound}, deadline {deadline})");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }
    }

    private static void AssertError(CofferResponse response, string code, HttpStatusCode status, string hostId)
    {
        Assert.True(response.Status == status && response.Code == code, $"Expected {(int)status} {code}, got {(int)response.Status}: {response.Text}");
        Assert.Equal(hostId, response.Json.GetProperty("HostId").GetString());
    }

    /// <summary>Two nodes on one fresh database with one root key; A initialises it, B joins.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private Cluster(PostgresApplicationFactory a, PostgresApplicationFactory b)
        {
            A = a;
            B = b;
        }

        public PostgresApplicationFactory A { get; }

        public PostgresApplicationFactory B { get; }

        public static async Task<Cluster> StartAsync(TimeProvider? time = null, KmsOptions? kms = null)
        {
            var database = await PostgresTestDatabases.CreateAsync(Ct);
            using var root = RootKey.Generate();
            var id = "LTAInode" + Guid.NewGuid().ToString("N")[..16];
            var secret = Guid.NewGuid().ToString("N");
            var a = PostgresApplicationFactory.Node(database, root.ExportBase64(), id, secret, "coffer-node-a", time, kms);
            var b = PostgresApplicationFactory.Node(database, root.ExportBase64(), id, secret, "coffer-node-b", time, kms);
            await a.InitializeAsync();
            await b.InitializeAsync();

            return new Cluster(a, b);
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }
}
