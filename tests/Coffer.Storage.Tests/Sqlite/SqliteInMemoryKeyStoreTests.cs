using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The KeyStoreCompliance suite on a shared in-memory database (:memory:NAME), as the Core tests use.</summary>
public sealed class SqliteInMemoryKeyStoreTests : KeyStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => SqliteTestStore.CreateInMemoryAsync();
}
