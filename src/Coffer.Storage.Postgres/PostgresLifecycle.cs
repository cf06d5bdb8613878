using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// Numbered migrations applied in one transaction under a database-wide advisory lock, so nodes starting together
/// migrate once (the others wait, then find nothing to do); initialisation likewise, once per database.
/// </summary>
public sealed class PostgresLifecycle(PostgresDatabase database) : IStoreLifecycle
{
    /// <summary>The advisory lock every node takes to migrate or initialise ("coffer" + 1 as a 64-bit key).</summary>
    internal const long SchemaLock = 0x636F_6666_6572_0001;

    private const string CheckRecordName = "root_key_check";

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken) => database.RunInTransactionAsync(async (connection, transaction) =>
    {
        await LockAsync(connection, transaction, cancellationToken);
        await connection.Command(
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, " +
            "applied_at timestamptz NOT NULL DEFAULT now())").ExecuteNonQueryAsync(cancellationToken);
        var current = PostgresCommands.ToInt32(
            await connection.Command(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").ExecuteScalarAsync(cancellationToken));
        foreach (var (version, name, sql) in Migrations().Where(m => m.Version > current))
        {
            await connection.Command(transaction, sql).ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(
                transaction,
                "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)",
                ("version", version),
                ("name", name)).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return 0;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> GetRootKeyCheckAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await connection.Command("SELECT value FROM meta WHERE name = @name", ("name", CheckRecordName))
            .ExecuteScalarAsync(cancellationToken) as byte[], cancellationToken);

    /// <inheritdoc />
    public Task InitialiseAsync(byte[] rootKeyCheck, Account account, AccessKey adminKey, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            await LockAsync(connection, transaction, cancellationToken);
            var inserted = await connection.Command(
                transaction,
                "INSERT INTO meta (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
                ("name", CheckRecordName),
                ("value", rootKeyCheck)).ExecuteNonQueryAsync(cancellationToken);
            if (inserted != 1)
            {
                throw new InvalidOperationException("The store is already initialised.");
            }

            await PostgresAccountStore.InsertAsync(connection, transaction, account, cancellationToken);
            await PostgresAccessKeyStore.InsertAsync(connection, transaction, adminKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);

    private static Task<int> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.Command(transaction, "SELECT pg_advisory_xact_lock(@lock)", ("lock", SchemaLock)).ExecuteNonQueryAsync(cancellationToken);

    private static IEnumerable<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(PostgresLifecycle).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource["Migrations.".Length..];
            var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, Path.GetFileNameWithoutExtension(file), reader.ReadToEnd());
        }
    }
}
