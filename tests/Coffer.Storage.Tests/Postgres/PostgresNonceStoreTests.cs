using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The NonceStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresNonceStoreTests : NonceStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
