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

    [Fact]
    public async Task QueryAsync_KeptStatement_SeesLaterCommitsAndNewParameters()
    {
        using var database = await DatabaseWithRowsAsync();

        Assert.Equal("one", await ValueAsync(database, 1));
        Assert.Equal("two", await ValueAsync(database, 2));
        await database.WriteAsync(connection => ExecuteAsync(connection, "UPDATE items SET value = 'uno' WHERE id = 1"), TestContext.Current.CancellationToken);

        Assert.Equal("uno", await ValueAsync(database, 1));
        Assert.Null(await ValueAsync(database, 3));
        Assert.Equal(1, database.KeptStatements(ItemQuery));
    }

    [Fact]
    public async Task QueryAsync_ManyConcurrentReaders_KeepsAtMostEightStatementsAndClosesThemOnDispose()
    {
        var database = await DatabaseWithRowsAsync();

        var values = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => ValueAsync(database, 1 + (i % 2)))));

        Assert.All(values.Select((value, i) => (value, i)), read => Assert.Equal(read.i % 2 == 0 ? "one" : "two", read.value));
        Assert.InRange(database.KeptStatements(ItemQuery), 1, 8);
        database.Dispose();
        Assert.Equal(0, database.KeptStatements(ItemQuery));
    }

    [Fact]
    public async Task QueryAsync_ReadThatFails_ClosesItsStatementAndTheNextQueryWorks()
    {
        using var database = await DatabaseWithRowsAsync();
        Assert.Equal("one", await ValueAsync(database, 1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.QueryAsync<string?>(
            ItemQuery, _ => throw new InvalidOperationException("reader failed"), TestContext.Current.CancellationToken, ("$id", 1L)));

        Assert.Equal(0, database.KeptStatements(ItemQuery));
        Assert.Equal("two", await ValueAsync(database, 2));
        Assert.Equal(1, database.KeptStatements(ItemQuery));
    }

    public void Dispose() => SqliteTestStore.DeleteFolder(_folder);

    private const string ItemQuery = "SELECT value FROM items WHERE id = $id";

    private async Task<SqliteDatabase> DatabaseWithRowsAsync()
    {
        var database = new SqliteDatabase(Path.Combine(_folder, "coffer.db"));
        await database.WriteAsync(
            connection => ExecuteAsync(connection, "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL); INSERT INTO items VALUES (1, 'one'), (2, 'two');"),
            TestContext.Current.CancellationToken);
        return database;
    }

    private static Task<string?> ValueAsync(SqliteDatabase database, long id) =>
        database.QueryAsync(
            ItemQuery,
            async reader => await reader.ReadAsync(TestContext.Current.CancellationToken) ? reader.GetString(0) : null,
            TestContext.Current.CancellationToken,
            ("$id", id));

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
