using System.Buffers.Binary;
using Coffer.Core.Storage;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>
/// What the SQLite nonce store adds to the compliance contract: one log row per batch, an in-memory index that stays
/// exact when another process (here: another SqliteDatabase on the same file) logs nonces, the log in a file of its own
/// (the main file untouched), the rows earlier versions wrote in the main file still honoured, and purging by row.
/// </summary>
public sealed class SqliteNonceLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Expiry = T0.AddMinutes(31);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coffer-nonce-log-test-" + Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabaseFile => Path.Combine(_folder, "coffer.db");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = new SqliteDatabase(DatabaseFile);
        await new SqliteLifecycle(_database).MigrateAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        SqliteTestStore.DeleteFolder(_folder);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TryRecordBatchAsync_HundredNonces_AppendOneLogRowOf24BytesEach()
    {
        var store = new SqliteNonceStore(_database);
        var batch = Enumerable.Range(0, 100).Select(i => new NonceRecord("LTAIa", "n-" + i, Expiry)).ToList();

        var recorded = await store.TryRecordBatchAsync(batch, Ct);

        Assert.All(recorded, Assert.True);
        Assert.Equal([(1L, 2400L)], await LogRowsAsync());
    }

    [Fact]
    public async Task TryRecordBatchAsync_AllReplays_AppendsNoRow()
    {
        var store = new SqliteNonceStore(_database);
        Assert.True(await store.TryRecordAsync("LTAIa", "once", Expiry, Ct));

        var recorded = await store.TryRecordBatchAsync([new NonceRecord("LTAIa", "once", Expiry)], Ct);

        Assert.Equal([false], recorded);
        Assert.Single(await LogRowsAsync());
    }

    [Fact]
    public async Task TryRecordAsync_NonceLoggedByAnotherProcessAfterThisOneLoaded_IsRefused()
    {
        var mine = new SqliteNonceStore(_database);
        Assert.True(await mine.TryRecordAsync("LTAIa", "mine", Expiry, Ct));
        using var otherDatabase = new SqliteDatabase(DatabaseFile);
        var other = new SqliteNonceStore(otherDatabase);

        Assert.False(await other.TryRecordAsync("LTAIa", "mine", Expiry, Ct));
        Assert.True(await other.TryRecordAsync("LTAIa", "theirs", Expiry, Ct));
        Assert.False(await mine.TryRecordAsync("LTAIa", "theirs", Expiry, Ct));
        Assert.True(await mine.TryRecordAsync("LTAIb", "theirs", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_ParallelCallsFromTwoProcessesWithOneNonce_ExactlyOneSucceeds()
    {
        using var otherDatabase = new SqliteDatabase(DatabaseFile);
        var stores = new[] { new SqliteNonceStore(_database), new SqliteNonceStore(otherDatabase) };
        Assert.True(await stores[0].TryRecordAsync("LTAIa", "warm-up-0", Expiry, Ct));
        Assert.True(await stores[1].TryRecordAsync("LTAIa", "warm-up-1", Expiry, Ct));

        var calls = Enumerable.Range(0, 20).Select(i => Task.Run(() => stores[i % 2].TryRecordAsync("LTAIa", "contested", Expiry, Ct), Ct));
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task TryRecordAsync_RowOfTheFormerNoncesTable_IsRefusedAndPurgedOnceExpired()
    {
        await ExecuteAsync(
            "INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES ('LTAIa', 'old-live', $live), ('LTAIa', 'old-expired', $expired)",
            ("$live", Expiry.ToUnixTimeMilliseconds()),
            ("$expired", T0.AddMinutes(-1).ToUnixTimeMilliseconds()));

        await AssertFormerRowsHonouredThenPurgedAsync("nonces");
    }

    [Fact]
    public async Task TryRecordBatchAsync_Nonces_LeaveTheMainFileUnchanged()
    {
        var store = new SqliteNonceStore(_database);
        Assert.True(await store.TryRecordAsync("LTAIa", "first", Expiry, Ct));
        await using var reader = await _database.OpenAsync(Ct);
        var before = await DataVersionAsync(reader);

        Assert.True(await store.TryRecordAsync("LTAIa", "second", Expiry, Ct));

        // PRAGMA data_version moves when another connection commits to the file this connection reads.
        Assert.Equal(before, await DataVersionAsync(reader));
        Assert.True(File.Exists(Path.Combine(_folder, "coffer-nonces.db")));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM nonce_log"));
        Assert.Equal(2, (await LogRowsAsync()).Count);
    }

    [Fact]
    public async Task TryRecordAsync_RowOfTheMainFilesFormerLog_IsRefusedAndPurgedOnceExpired()
    {
        // Rows as versions before the log's own file wrote them: one live entry, and a row whose only entry has expired.
        await ExecuteAsync(
            "INSERT INTO nonce_log (expires_at, entries) VALUES ($live, $liveEntry), ($expired, $expiredEntry)",
            ("$live", Expiry.ToUnixTimeMilliseconds()),
            ("$liveEntry", LogEntry("old-live", Expiry)),
            ("$expired", T0.AddMinutes(-1).ToUnixTimeMilliseconds()),
            ("$expiredEntry", LogEntry("old-expired", T0.AddMinutes(-1))));

        await AssertFormerRowsHonouredThenPurgedAsync("nonce_log");
    }

    [Fact]
    public async Task PurgeExpiredAsync_WhileBatchesRecord_NeitherFailsAndEveryRecordedNonceStaysUsed()
    {
        // The index is changed by batches and by the purge's sweep; both must hold the same lock.
        var store = new SqliteNonceStore(_database);
        var expired = Enumerable.Range(0, 2_000).Select(i => new NonceRecord("LTAIa", "old-" + i, T0.AddMinutes(-1))).ToList();
        var recorded = new List<string>();

        for (var round = 0; round < 20; round++)
        {
            await store.TryRecordBatchAsync(expired, Ct);
            var batches = Enumerable.Range(0, 8).Select(b => Task.Run(
                async () =>
                {
                    var batch = Enumerable.Range(0, 200).Select(i => new NonceRecord("LTAIa", $"live-{round}-{b}-{i}", Expiry)).ToList();
                    Assert.All(await store.TryRecordBatchAsync(batch, Ct), Assert.True);
                    return batch.Select(n => n.Nonce);
                },
                Ct)).ToList();
            var purge = Task.Run(() => store.PurgeExpiredAsync(T0, Ct), Ct);

            await purge;
            foreach (var batch in batches)
            {
                recorded.AddRange(await batch);
            }
        }

        Assert.All(
            await store.TryRecordBatchAsync(recorded.Select(n => new NonceRecord("LTAIa", n, Expiry)).ToList(), Ct),
            Assert.False);
    }

    [Fact]
    public async Task PurgeExpiredAsync_RowWithOneLiveEntry_IsKeptWhileItsExpiredEntryIsUsableAgain()
    {
        var store = new SqliteNonceStore(_database);
        await store.TryRecordBatchAsync(
            [new NonceRecord("LTAIa", "expired", T0.AddMinutes(-1)), new NonceRecord("LTAIa", "live", Expiry)], Ct);
        await store.TryRecordAsync("LTAIa", "expired-alone", T0.AddMinutes(-1), Ct);

        var purged = await store.PurgeExpiredAsync(T0, Ct);

        Assert.Equal(2, purged);
        Assert.Equal([(1L, 48L)], await LogRowsAsync());
        Assert.True(await store.TryRecordAsync("LTAIa", "expired", Expiry, Ct));
        Assert.True(await store.TryRecordAsync("LTAIa", "expired-alone", Expiry, Ct));
        Assert.False(await store.TryRecordAsync("LTAIa", "live", Expiry, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_AfterEveryRowWasPurged_NewIdsStillIncrease()
    {
        var store = new SqliteNonceStore(_database);
        await store.TryRecordAsync("LTAIa", "short-lived", T0.AddMinutes(-1), Ct);
        await store.PurgeExpiredAsync(T0, Ct);
        using var otherDatabase = new SqliteDatabase(DatabaseFile);
        var other = new SqliteNonceStore(otherDatabase);
        Assert.True(await other.TryRecordAsync("LTAIa", "after-purge", Expiry, Ct));

        // The row 'other' appended must get an id above the purged one, or 'store' would not read it.
        Assert.False(await store.TryRecordAsync("LTAIa", "after-purge", Expiry, Ct));
        Assert.Equal([(2L, 24L)], await LogRowsAsync());
    }

    private async Task<List<(long Id, long Bytes)>> LogRowsAsync() =>
        await _database.NonceLog.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, length(entries) FROM nonce_log ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var rows = new List<(long, long)>();
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }

            return rows;
        }, Ct);

    // One 24-byte entry of a log row (migration 0007) for AccessKey LTAIa.
    private static byte[] LogEntry(string nonce, DateTimeOffset expires)
    {
        var entry = new byte[24];
        BinaryPrimitives.WriteUInt128LittleEndian(entry, SqliteNonceStore.Digest("LTAIa", nonce));
        BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(16), expires.ToUnixTimeMilliseconds());
        return entry;
    }

    // 'old-live' and 'old-expired', written by an earlier version into the main file's table: the live one is refused,
    // the expired one's row is purged (and its nonce usable again), the live row stays.
    private async Task AssertFormerRowsHonouredThenPurgedAsync(string table)
    {
        var store = new SqliteNonceStore(_database);

        Assert.False(await store.TryRecordAsync("LTAIa", "old-live", Expiry, Ct));
        Assert.Equal(1, await store.PurgeExpiredAsync(T0, Ct));
        Assert.True(await store.TryRecordAsync("LTAIa", "old-expired", Expiry, Ct));
        Assert.False(await store.TryRecordAsync("LTAIa", "old-live", Expiry, Ct));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM " + table));
    }

    private static async Task<long> DataVersionAsync(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private Task<long> ScalarAsync(string sql) =>
        _database.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }, Ct);

    private Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters) =>
        _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, value));
            }

            return await command.ExecuteNonQueryAsync(Ct);
        }, Ct);
}
