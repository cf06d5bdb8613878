using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The AccountStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresAccountStoreTests : AccountStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
