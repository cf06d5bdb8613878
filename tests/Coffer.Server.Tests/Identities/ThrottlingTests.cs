namespace Coffer.Server.Tests.Identities;

/// <summary>Rate limits per account and action class and per AccessKey answer Rejected.Throttling 429.</summary>
public sealed class ThrottlingTests(ThrottledFactory server) : IClassFixture<ThrottledFactory>
{
    private readonly IdentitySetup _identities = new(server);

    [Fact]
    public async Task ManagementBurst_PastTheAccountLimit_IsThrottledWhileOtherClassesAndAccountsPass()
    {
        var account = await _identities.CreateAccountAsync();
        var (_, first) = await _identities.AccessKeyAsync(account);
        var (_, second) = await _identities.AccessKeyAsync(account);
        var (_, third) = await _identities.AccessKeyAsync(account);
        var keyId = Expect.Ok(await first.CallAsync("CreateKey")).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var burst = await Task.WhenAll(Enumerable.Range(0, 4 * ThrottledFactory.Management).Select(i => (i % 2 == 0 ? first : second).CallAsync("ListKeys")));
        var symmetric = await third.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "aGVsbG8=")));
        var otherAccount = await server.Client.CallAsync("ListKeys");

        var throttled = burst.Where(r => r.Code == "Rejected.Throttling").ToList();
        Assert.NotEmpty(throttled);
        Assert.All(burst.Except(throttled), r => Expect.Ok(r));
        Expect.Error(throttled[0], "Rejected.Throttling", 429, "QPS Limit Exceeded");
        Expect.Ok(symmetric);
        Expect.Ok(otherAccount);
    }

    [Fact]
    public async Task AccessKeyBurst_PastItsLimit_IsThrottledAndRecovers()
    {
        var account = await _identities.CreateAccountAsync();
        var (_, client) = await _identities.AccessKeyAsync(account);
        var keyId = Expect.Ok(await client.CallAsync("CreateKey")).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);

        var burst = await Task.WhenAll(Enumerable.Range(0, 4 * ThrottledFactory.PerAccessKey)
            .Select(_ => client.CallSignedV3Async("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "aGVsbG8=")))));
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        var later = await client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "aGVsbG8=")));

        var throttled = burst.Where(r => r.Code == "Rejected.Throttling").ToList();
        Assert.NotEmpty(throttled);
        Assert.All(burst.Except(throttled), r => Expect.Ok(r));
        Expect.Error(throttled[0], "Rejected.Throttling", 429, "QPS Limit Exceeded");
        Expect.Ok(later);
    }
}
