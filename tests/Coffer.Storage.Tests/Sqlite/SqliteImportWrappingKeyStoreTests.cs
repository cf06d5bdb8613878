using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The ImportWrappingKeyStoreCompliance suite on a temporary database file.</summary>
public sealed class SqliteImportWrappingKeyStoreTests : ImportWrappingKeyStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => SqliteTestStore.CreateFileAsync();
}
