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

    public void Dispose() => SqliteTestStore.DeleteFolder(_folder);

    private static async Task<string?> PragmaAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
