using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The KeyStoreCompliance suite on a temporary database file.</summary>
public sealed class SqliteKeyStoreTests : KeyStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => SqliteTestStore.CreateFileAsync();
}
