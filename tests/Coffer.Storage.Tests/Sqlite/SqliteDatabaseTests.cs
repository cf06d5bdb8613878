using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>SQLite-only settings that the compliance suites cannot see.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coffer-storage-test-" + Guid.NewGuid().ToString("N"));

    public SqliteDatabaseTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task OpenAsync_FileDatabase_UsesWalAndFullSynchronous()
    {
        using var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
    }

    [Fact]
    public async Task OpenAsync_FileDatabase_EnforcesForeignKeysAndSecureDelete()
    {
        using var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
        Assert.Equal("1", await PragmaAsync(connection, "secure_delete"));
    }

    [Fact]
    public async Task OpenAsync_PooledConnectionOpenedAgain_KeepsTheSettings()
    {
        using var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        await (await database.OpenAsync(TestContext.Current.CancellationToken)).DisposeAsync();

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
    }

    [Fact]
    public async Task OpenAsync_EveryPooledConnection_IsFullSynchronousWithForeignKeys()
    {
        // A crash test cannot tell synchronous=FULL from NORMAL, so every connection the pool hands out is read.
        using var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        const int Connections = 12;
        for (var round = 0; round < 3; round++)
        {
            var open = new List<Microsoft.Data.Sqlite.SqliteConnection>();
            for (var i = 0; i < Connections; i++)
            {
                open.Add(await database.OpenAsync(TestContext.Current.CancellationToken));
            }

            foreach (var connection in open)
            {
                Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
                Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
                Assert.Equal("1", await PragmaAsync(connection, "secure_delete"));
                Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWriters_RunOneAtATime()
    {
        using var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        var running = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => database.WriteAsync(
            async connection =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(5, TestContext.Current.CancellationToken);
                Interlocked.Decrement(ref running);
                return 0;
            },
            TestContext.Current.CancellationToken)));

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task WriteAsync_WriteConnection_IsOneConnectionWithALargerPageCache()
    {
        using var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));

        var first = await database.WriteAsync(connection => Task.FromResult(connection), TestContext.Current.CancellationToken);
        var second = await database.WriteAsync(connection => Task.FromResult(connection), TestContext.Current.CancellationToken);
        var cacheSize = await database.WriteAsync(connection => PragmaAsync(connection, "cache_size"), TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.Equal("-65536", cacheSize);
        Assert.Equal("2", await database.WriteAsync(connection => PragmaAsync(connection, "synchronous"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_ManyWrites_KeepTheWalBounded()
    {
        // 3,000 writes of three pages each through the one write connection: without checkpoints the WAL would hold
        // 9,000 pages (about 36 MB); SQLite's checkpoint every 1,000 pages has it start over, so it stays a few MB.
        var path = Path.Combine(_folder, "coffer.db");
        using var database = new SqliteDatabase(path);
        await database.WriteAsync(connection => ExecuteAsync(connection, "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"), TestContext.Current.CancellationToken);
        long largest = 0;

        for (var i = 0; i < 3_000; i++)
        {
            await database.WriteAsync(connection => ExecuteAsync(connection, "INSERT INTO blobs (data) VALUES (randomblob(10000))"), TestContext.Current.CancellationToken);
            largest = Math.Max(largest, new FileInfo(path + "-wal").Length);
        }

        Assert.True(largest < 16 * 1024 * 1024, $"the WAL reached {largest} bytes");
        Assert.Equal(3_000L, await database.RunAsync(async connection =>
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM blobs";
            return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }, TestContext.Current.CancellationToken));
    }

    public void Dispose() => SqliteTestStore.DeleteFolder(_folder);

    private static async Task<int> ExecuteAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<string?> PragmaAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
