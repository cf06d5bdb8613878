using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The KeyStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresKeyStoreTests : KeyStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
