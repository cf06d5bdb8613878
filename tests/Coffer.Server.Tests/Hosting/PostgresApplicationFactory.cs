using Coffer.Core;
using Coffer.Server.Hosting;
using Coffer.Testing;

[assembly: AssemblyFixture(typeof(PostgresDatabasesCleanup))]

namespace Coffer.Server.Tests.Hosting;

/// <summary>
/// The real Coffer host on PostgreSQL (<c>--store postgres</c>). As a class fixture it gets a fresh database on the
/// <c>COFFER_TEST_POSTGRES</c> cluster; a test can also start further nodes on one database with the node constructor.
/// Without the variable the fixture starts nothing and <see cref="Require"/> skips the test (fails it under CI).
/// </summary>
public class PostgresApplicationFactory : CofferApplicationFactory
{
    private readonly string? _rootKeyBase64;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly KmsOptions? _kms;

    /// <summary>A host on a database of its own (class fixture).</summary>
    public PostgresApplicationFactory()
    {
    }

    private PostgresApplicationFactory(
        string connectionString, string rootKeyBase64, string accessKeyId, string accessKeySecret, string hostId,
        TimeProvider? time = null, KmsOptions? kms = null)
    {
        ConnectionString = connectionString;
        _rootKeyBase64 = rootKeyBase64;
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        HostId = hostId;
        _time = time ?? TimeProvider.System;
        _kms = kms;
    }

    /// <summary>
    /// One node of a cluster: the database <paramref name="connectionString"/>, the shared root key, the shared admin
    /// pair (used only by the node that initialises the database), and this node's HostId. The caller starts it
    /// (<see cref="InitializeAsync"/>) and disposes it.
    /// </summary>
    public static PostgresApplicationFactory Node(
        string connectionString, string rootKeyBase64, string accessKeyId, string accessKeySecret, string hostId,
        TimeProvider? time = null, KmsOptions? kms = null) =>
        new(connectionString, rootKeyBase64, accessKeyId, accessKeySecret, hostId, time, kms);

    /// <summary>The database's connection string (null until started).</summary>
    public string? ConnectionString { get; private set; }

    /// <inheritdoc />
    protected override TimeProvider Time => _time;

    /// <inheritdoc />
    protected override string? RootKeyBase64 => _rootKeyBase64;

    /// <summary>Skips the running test (fails it under CI) when no PostgreSQL cluster is configured.</summary>
    public static void Require() => PostgresTestDatabases.RequireConnectionString();

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresTestDatabases.Variable) is not { Length: > 0 })
        {
            return;
        }

        ConnectionString ??= await PostgresTestDatabases.CreateAsync(CancellationToken.None);
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    protected override KmsOptions CreateKmsOptions() => _kms ?? base.CreateKmsOptions();

    /// <inheritdoc />
    protected override void ConfigureServer(CofferServerOptions server)
    {
        server.Store = StoreKind.Postgres;
        server.PostgresConnectionString = ConnectionString;
    }
}
