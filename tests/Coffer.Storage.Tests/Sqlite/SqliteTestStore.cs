using Coffer.Storage.Sqlite;
using Coffer.Storage.Tests.Compliance;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>Factories of fresh, migrated SQLite stores: a temporary file, or a named shared in-memory database.</summary>
public static class SqliteTestStore
{
    /// <summary>A new database file in a fresh temporary folder, deleted (WAL and SHM included) on dispose.</summary>
    public static Task<StoreUnderTest> CreateFileAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "coffer-storage-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return CreateAsync(Path.Combine(folder, "coffer.db"), () => DeleteFolder(folder));
    }

    /// <summary>A new shared in-memory database (<c>:memory:NAME</c>), gone once its keep-alive connection closes.</summary>
    public static Task<StoreUnderTest> CreateInMemoryAsync() => CreateAsync(":memory:" + Guid.NewGuid().ToString("N"), () => { });

    /// <summary>Removes a test folder once every pooled connection to its database is closed.</summary>
    public static void DeleteFolder(string folder)
    {
        // Pooled connections keep the database, WAL and SHM files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task<StoreUnderTest> CreateAsync(string path, Action afterDispose)
    {
        var database = new SqliteDatabase(path);
        var lifecycle = new SqliteLifecycle(database);
        await lifecycle.MigrateAsync(TestContext.Current.CancellationToken);
        return new StoreUnderTest(
            lifecycle,
            new SqliteAccountStore(database),
            new SqliteAccessKeyStore(database),
            new SqliteKeyStore(database),
            new SqliteNonceStore(database),
            new SqliteAliasStore(database),
            new SqliteTagStore(database),
            new SqliteSecretStore(database),
            new SqliteImportWrappingKeyStore(database),
            new SqliteUserStore(database),
            () =>
            {
                database.Dispose();
                afterDispose();
                return ValueTask.CompletedTask;
            });
    }
}
