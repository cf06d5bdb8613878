using Coffer.Storage.Postgres;
using Coffer.Storage.Tests.Compliance;
using Coffer.Testing;

[assembly: AssemblyFixture(typeof(PostgresDatabasesCleanup))]

namespace Coffer.Storage.Tests.Postgres;

/// <summary>
/// Factory of fresh, migrated PostgreSQL stores: one new database per test on the <c>COFFER_TEST_POSTGRES</c> cluster
/// (skipped locally without it, failed under CI).
/// </summary>
public static class PostgresTestStore
{
    /// <summary>A new database, migrated; its pool is closed on dispose and the database dropped at the end of the run.</summary>
    public static async Task<StoreUnderTest> CreateAsync()
    {
        var database = new PostgresDatabase(await PostgresTestDatabases.CreateAsync(TestContext.Current.CancellationToken));
        var lifecycle = new PostgresLifecycle(database);
        await lifecycle.MigrateAsync(TestContext.Current.CancellationToken);
        return new StoreUnderTest(
            lifecycle,
            new PostgresAccountStore(database),
            new PostgresAccessKeyStore(database),
            new PostgresKeyStore(database),
            new PostgresNonceStore(database),
            new PostgresAliasStore(database),
            new PostgresTagStore(database),
            new PostgresSecretStore(database),
            new PostgresImportWrappingKeyStore(database),
            new PostgresUserStore(database),
            database.DisposeAsync);
    }
}
