using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The AliasStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresAliasStoreTests : AliasStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
