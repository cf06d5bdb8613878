using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The AccountStoreCompliance suite on a temporary database file.</summary>
public sealed class SqliteAccountStoreTests : AccountStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => SqliteTestStore.CreateFileAsync();
}
