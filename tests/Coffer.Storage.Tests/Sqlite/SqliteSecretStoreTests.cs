using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The SecretStoreCompliance suite on a temporary database file.</summary>
public sealed class SqliteSecretStoreTests : SecretStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => SqliteTestStore.CreateFileAsync();
}
