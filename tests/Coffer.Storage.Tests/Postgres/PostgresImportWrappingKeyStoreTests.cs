using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The ImportWrappingKeyStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresImportWrappingKeyStoreTests : ImportWrappingKeyStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
