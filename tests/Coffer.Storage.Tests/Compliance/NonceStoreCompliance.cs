using Coffer.Core.Storage;
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
    public async Task TryRecordBatchAsync_NewNonces_AllRecordedAndRefusedAfterwards()
    {
        NonceRecord[] batch = [new("LTAIa", "b-1", Expiry), new("LTAIa", "b-2", Expiry), new("LTAIb", "b-1", Expiry)];

        var recorded = await Store.Nonces.TryRecordBatchAsync(batch, Ct);

        Assert.Equal([true, true, true], recorded);
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIa", "b-1", Expiry, Ct));
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIa", "b-2", Expiry, Ct));
        Assert.False(await Store.Nonces.TryRecordAsync("LTAIb", "b-1", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordBatchAsync_SomeAlreadyRecorded_FalseForThoseOnlyInOrder()
    {
        Assert.True(await Store.Nonces.TryRecordAsync("LTAIa", "old", Expiry, Ct));
        Assert.Equal([true], await Store.Nonces.TryRecordBatchAsync([new NonceRecord("LTAIa", "older", Expiry)], Ct));
        NonceRecord[] batch = [new("LTAIa", "new-1", Expiry), new("LTAIa", "old", Expiry), new("LTAIa", "new-2", Expiry), new("LTAIa", "older", Expiry)];

        var recorded = await Store.Nonces.TryRecordBatchAsync(batch, Ct);

        Assert.Equal([true, false, true, false], recorded);
    }

    [Fact]
    public async Task TryRecordBatchAsync_EmptyBatch_ReturnsEmpty()
    {
        var recorded = await Store.Nonces.TryRecordBatchAsync([], Ct);

        Assert.Empty(recorded);
    }

    [Fact]
    public async Task TryRecordBatchAsync_ParallelBatchesSharingOneNonce_ExactlyOneRecordsIt()
    {
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 10)
            .Select(i => Task.Run(
                async () =>
                {
                    start.Wait(Ct);
                    return await Store.Nonces.TryRecordBatchAsync(
                        [new NonceRecord("LTAIa", "own-" + i, Expiry), new NonceRecord("LTAIa", "shared", Expiry)], Ct);
                },
                Ct))
            .ToArray();
        start.Set();

        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r[0]));
        Assert.Equal(1, results.Count(r => r[1]));
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
