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

    public void Dispose() => SqliteTestStore.DeleteFolder(_folder);

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
