namespace Coffer.Testing;

/// <summary>
/// An assembly fixture (<c>[assembly: AssemblyFixture(typeof(PostgresDatabasesCleanup))]</c>) that drops the test
/// databases once every test of the assembly has run.
/// </summary>
public sealed class PostgresDatabasesCleanup : IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await PostgresTestDatabases.DropAllAsync();
}
