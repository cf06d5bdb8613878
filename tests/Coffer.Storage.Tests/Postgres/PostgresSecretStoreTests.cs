using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The SecretStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresSecretStoreTests : SecretStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
