using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The AccessKeyStoreCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresAccessKeyStoreTests : AccessKeyStoreCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
