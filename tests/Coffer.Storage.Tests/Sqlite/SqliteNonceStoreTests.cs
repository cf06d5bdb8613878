using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The NonceStoreCompliance suite on a temporary database file.</summary>
public sealed class SqliteNonceStoreTests : NonceStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => SqliteTestStore.CreateFileAsync();
}
