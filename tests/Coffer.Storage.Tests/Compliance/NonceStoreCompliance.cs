using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.INonceStore"/> contract, run against every provider.</summary>
public abstract class NonceStoreCompliance : StoreCompliance
{
    private static readonly DateTimeOffset Expiry = T0.AddMinutes(31);

    [Fact]
    public async Task TryRecordAsync_SameKeyAndNonceTwice_TrueThenFalse()
    {
        var first = await Store.Nonces.TryRecordAsync("LTAIa", "nonce-1", Expiry, Ct);
        var second = await Store.Nonces.TryRecordAsync("LTAIa", "nonce-1", Expiry.AddMinutes(5), Ct);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task TryRecordAsync_SameNonceForAnotherAccessKey_IsIndependent()
    {
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "nonce-1", Expiry, Ct));

        var other = await Store.Nonces.TryRecordAsync("LTAIb", "nonce-1", Expiry, Ct);

        Assert.True(other);
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIb", "nonce-1", Expiry, Ct));
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIa", "nonce-1", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_OtherNonceOfTheSameAccessKey_IsIndependent()
    {
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "nonce-1", Expiry, Ct));

        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "nonce-2", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_NoncesDifferingOnlyInCase_AreDistinct()
    {
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "AbC", Expiry, Ct));

        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "abc", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_LongestNonce_IsRecorded()
    {
        var nonce = new string('~', 128);

        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", nonce, Expiry, Ct));
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIa", nonce, Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_TwentyParallelCallsWithOneNonce_ExactlyOneSucceeds()
    {
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(
                async () =>
                {
                    start.Wait(Ct);
                    return await Store.Nonces.TryRecordAsync("LTAIa", "raced", Expiry, Ct);
                },
                Ct))
            .ToArray();
        start.Set();

        var results = await Task.WhenAll(calls);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task PurgeExpiredAsync_RemovesOnlyExpiredEntries()
    {
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "expired", T0.AddMinutes(-1), Ct));
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIb", "expired-too", T0.AddMilliseconds(-1), Ct));
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "live", T0.AddMinutes(1), Ct));

        var purged = await Store.Nonces.PurgeExpiredAsync(T0, Ct);

        Assert.Equal(2, purged);
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIa", "live", T0.AddMinutes(1), Ct));
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "expired", T0.AddMinutes(30), Ct));
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIb", "expired-too", T0.AddMinutes(30), Ct));
    }

    [Fact]
    public async Task PurgeExpiredAsync_EntryExpiringExactlyNow_IsKept()
    {
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "boundary", T0, Ct));

        var purged = await Store.Nonces.PurgeExpiredAsync(T0, Ct);

        Assert.Equal(0, purged);
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIa", "boundary", T0, Ct));
    }

    [Fact]
    public async Task PurgeExpiredAsync_NothingExpired_ReturnsZero()
    {
        Assert.Equal(0, await Store.Nonces.PurgeExpiredAsync(T0, Ct));
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "live", T0.AddHours(1), Ct));
        Assert.Equal(0, await Store.Nonces.PurgeExpiredAsync(T0, Ct));
    }
}
