using Coffer.Storage.Tests.Compliance;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>The LifecycleCompliance suite on a fresh PostgreSQL database per test.</summary>
public sealed class PostgresLifecycleTests : LifecycleCompliance
{
    /// <inheritdoc />
    protected override Task<StoreUnderTest> CreateMigratedStoreAsync() => PostgresTestStore.CreateAsync();
}
