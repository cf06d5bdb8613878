using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The TagStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresTagStoreTests : TagStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
