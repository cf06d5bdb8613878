using Coffer.Core.Replay;
using Coffer.Core.Storage;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Core.Tests.Replay;

/// <summary>Group commit over the real SQLite nonce store, in a database file (fsyncs and all).</summary>
public sealed class NonceBatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Expiry = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coffer-batcher-test-" + Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;
    private SqliteNonceStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        await new SqliteLifecycle(_database).MigrateAsync(Ct);
        _store = new SqliteNonceStore(_database);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TryRecordAsync_ManyConcurrentNonces_AllRecordedInFewerCommits()
    {
        await using var batcher = new NonceBatcher(_store);

        var calls = Enumerable.Range(0, 300).Select(i => batcher.TryRecordAsync("LTAIa", "n-" + i, Expiry, Ct)).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.All(results, Assert.True);
        Assert.InRange(batcher.Commits, 1, 299);
        for (var i = 0; i < 300; i += 37)
        {
            Assert.False(await _store.TryRecordAsync("LTAIa", "n-" + i, Expiry, Ct));
        }
    }

    [Fact]
    public async Task TryRecordAsync_SameNonceManyTimesAtOnce_ExactlyOneIsNew()
    {
        await using var batcher = new NonceBatcher(_store);

        var calls = Enumerable.Range(0, 50).Select(_ => batcher.TryRecordAsync("LTAIa", "same", Expiry, Ct)).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task TryRecordAsync_SameNonceFromManyThreads_ExactlyOneIsNew()
    {
        await using var batcher = new NonceBatcher(_store);
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 40)
            .Select(i => Task.Run(
                async () =>
                {
                    start.Wait(Ct);
                    return await batcher.TryRecordAsync("LTAIa", i % 2 == 0 ? "raced" : "own-" + i, Expiry, Ct);
                },
                Ct))
            .ToArray();
        start.Set();

        var results = await Task.WhenAll(calls);

        Assert.Equal(1, results.Where((_, i) => i % 2 == 0).Count(r => r));
        Assert.All(results.Where((_, i) => i % 2 == 1), Assert.True);
    }

    [Fact]
    public async Task TryRecordAsync_NonceOfAnEarlierBatch_IsRefused()
    {
        await using var batcher = new NonceBatcher(_store);
        Assert.True(await batcher.TryRecordAsync("LTAIa", "once", Expiry, Ct));

        var again = await batcher.TryRecordAsync("LTAIa", "once", Expiry, Ct);
        var otherKey = await batcher.TryRecordAsync("LTAIb", "once", Expiry, Ct);

        Assert.False(again);
        Assert.True(otherKey);
    }

    [Fact]
    public async Task TryRecordAsync_NonceRecordedBeforeARestart_IsRefusedByANewBatcher()
    {
        await using (var first = new NonceBatcher(_store))
        {
            Assert.True(await first.TryRecordAsync("LTAIa", "before", Expiry, Ct));
        }

        using var reopened = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        await using var second = new NonceBatcher(new SqliteNonceStore(reopened));

        Assert.False(await second.TryRecordAsync("LTAIa", "before", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_CommitFails_EveryCallerOfTheBatchFailsAndLaterBatchesWork()
    {
        using var unmigrated = Unmigrated();
        await using var batcher = new NonceBatcher(new SqliteNonceStore(unmigrated));

        var calls = Enumerable.Range(0, 5).Select(i => batcher.TryRecordAsync("LTAIa", "f-" + i, Expiry, Ct)).ToArray();
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => call);
        }

        await new SqliteLifecycle(unmigrated).MigrateAsync(Ct);

        Assert.True(await batcher.TryRecordAsync("LTAIa", "f-0", Expiry, Ct));
    }

    [Fact]
    public async Task CommitTimes_CountEveryCommit_FailedOnesIncluded()
    {
        using var unmigrated = Unmigrated();
        await using var batcher = new NonceBatcher(new SqliteNonceStore(unmigrated));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => batcher.TryRecordAsync("LTAIa", "f-0", Expiry, Ct));
        Assert.Equal(1, batcher.CommitTimes.Read().Sum());
        Assert.Equal(0, batcher.Commits);

        await new SqliteLifecycle(unmigrated).MigrateAsync(Ct);
        var calls = Enumerable.Range(1, 100).Select(i => batcher.TryRecordAsync("LTAIa", "f-" + i, Expiry, Ct)).ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(batcher.Commits + 1, batcher.CommitTimes.Read().Sum());
    }

    [Fact]
    public async Task TryRecordAsync_AfterDispose_Throws()
    {
        var batcher = new NonceBatcher(_store);
        await batcher.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.TryRecordAsync("LTAIa", "late", Expiry, Ct));
    }

    // A database without the nonce log's tables: every commit into it fails until it is migrated.
    private SqliteDatabase Unmigrated()
    {
        var folder = Path.Combine(_folder, "unmigrated");
        Directory.CreateDirectory(folder);
        return new SqliteDatabase(Path.Combine(folder, "coffer.db"));
    }
}
