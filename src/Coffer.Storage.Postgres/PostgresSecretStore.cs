using System.Text.Json;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>Secrets in PostgreSQL; the primary key (account, name) makes names unique, <c>revision</c> guards every change.</summary>
public sealed class PostgresSecretStore(PostgresDatabase database) : ISecretStore
{
    private const string Columns =
        "account_id, name, secret_type, description, encryption_key_id, created_at, updated_at, planned_delete_at, policy, revision";

    /// <inheritdoc />
    public Task<bool> TryCreateAsync(Secret secret, SecretVersion version, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.Command(
                transaction,
                $"INSERT INTO secrets ({Columns}) VALUES (@account, @name, @type, @description, @key, @created, @updated, @planned, @policy, @revision) " +
                "ON CONFLICT DO NOTHING",
                SecretParameters(secret, secret.Revision)).ExecuteNonQueryAsync(cancellationToken);
            if (inserted != 1)
            {
                return false;
            }

            await UpsertVersionAsync(connection, transaction, secret, version, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Secret?> FindAsync(AccountId account, string name, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command(
            $"SELECT {Columns} FROM secrets WHERE account_id = @account AND name = @name",
            ("account", account.Value),
            ("name", name)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(AccountId account, string name, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command(
                "SELECT version_id, created_at, data_type, stages, sealed_key, ciphertext FROM secret_versions " +
                "WHERE account_id = @account AND secret_name = @name ORDER BY seq",
                ("account", account.Value),
                ("name", name)).ExecuteReaderAsync(cancellationToken);
            var versions = new List<SecretVersion>();
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(new SecretVersion(
                    reader.GetString(0),
                    reader.ReadTime(1),
                    reader.GetString(2),
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(3)) ?? [],
                    reader.GetFieldValue<byte[]>(4),
                    reader.GetFieldValue<byte[]>(5)));
            }

            return (IReadOnlyList<SecretVersion>)versions;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySaveAsync(
        Secret secret, long expectedRevision, IReadOnlyList<SecretVersion> upserts, IReadOnlyList<string> removedVersionIds,
        CancellationToken cancellationToken) => database.RunInTransactionAsync(async (connection, transaction) =>
    {
        var updated = await connection.Command(
            transaction,
            "UPDATE secrets SET secret_type = @type, description = @description, encryption_key_id = @key, created_at = @created, " +
            "updated_at = @updated, planned_delete_at = @planned, policy = @policy, revision = @revision " +
            "WHERE account_id = @account AND name = @name AND revision = @expected",
            [.. SecretParameters(secret, expectedRevision + 1), ("expected", expectedRevision)]).ExecuteNonQueryAsync(cancellationToken);
        if (updated != 1)
        {
            return false;
        }

        if (removedVersionIds.Count > 0)
        {
            await connection.Command(
                transaction,
                "DELETE FROM secret_versions WHERE account_id = @account AND secret_name = @name AND version_id = ANY(@versions)",
                ("account", secret.Account.Value),
                ("name", secret.Name),
                ("versions", removedVersionIds.ToArray())).ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var version in upserts)
        {
            await UpsertVersionAsync(connection, transaction, secret, version, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(AccountId account, string name, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            (string, object?)[] parameters = [("account", account.Value), ("name", name), ("revision", expectedRevision)];
            var locked = await connection.Command(
                transaction, "SELECT 1 FROM secrets WHERE account_id = @account AND name = @name AND revision = @revision FOR UPDATE", parameters)
                .ExecuteScalarAsync(cancellationToken);
            if (locked is null)
            {
                return false;
            }

            await connection.Command(
                transaction, "DELETE FROM tags WHERE account_id = @account AND resource_type = 'secret' AND resource_id = @name", parameters)
                .ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(transaction, "DELETE FROM secret_versions WHERE account_id = @account AND secret_name = @name", parameters)
                .ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(transaction, "DELETE FROM secrets WHERE account_id = @account AND name = @name", parameters)
                .ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Secret>> ListAsync(AccountId account, CancellationToken cancellationToken) =>
        ListWhereAsync("account_id = @account ORDER BY created_at, name", [("account", account.Value)], cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        ToInt32(await connection.Command("SELECT COUNT(*) FROM secrets WHERE account_id = @account", ("account", account.Value))
            .ExecuteScalarAsync(cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Secret>> ListDueForPurgeAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync(
            "planned_delete_at IS NOT NULL AND planned_delete_at <= @now ORDER BY planned_delete_at LIMIT @limit",
            [("now", ToStored(now)), ("limit", limit)],
            cancellationToken);

    private Task<IReadOnlyList<Secret>> ListWhereAsync(string where, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command($"SELECT {Columns} FROM secrets WHERE " + where, parameters).ExecuteReaderAsync(cancellationToken);
            var secrets = new List<Secret>();
            while (await reader.ReadAsync(cancellationToken))
            {
                secrets.Add(Read(reader));
            }

            return (IReadOnlyList<Secret>)secrets;
        }, cancellationToken);

    private static Task<int> UpsertVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Secret secret, SecretVersion version, CancellationToken cancellationToken) =>
        connection.Command(
            transaction,
            "INSERT INTO secret_versions (account_id, secret_name, version_id, seq, created_at, data_type, stages, sealed_key, ciphertext) " +
            "VALUES (@account, @name, @version, (SELECT COALESCE(MAX(seq), 0) + 1 FROM secret_versions WHERE account_id = @account AND secret_name = @name), " +
            "@created, @type, @stages, @sealed, @ciphertext) " +
            "ON CONFLICT (account_id, secret_name, version_id) DO UPDATE SET stages = excluded.stages",
            ("account", secret.Account.Value),
            ("name", secret.Name),
            ("version", version.VersionId),
            ("created", ToStored(version.CreateTime)),
            ("type", version.DataType),
            ("stages", JsonSerializer.Serialize(version.Stages)),
            ("sealed", version.SealedKey),
            ("ciphertext", version.Ciphertext)).ExecuteNonQueryAsync(cancellationToken);

    private static (string, object?)[] SecretParameters(Secret secret, long revision) =>
    [
        ("account", secret.Account.Value),
        ("name", secret.Name),
        ("type", secret.SecretType),
        ("description", secret.Description),
        ("key", secret.EncryptionKeyId?.Value),
        ("created", ToStored(secret.CreateTime)),
        ("updated", ToStored(secret.UpdateTime)),
        ("planned", ToStored(secret.PlannedDeleteTime)),
        ("policy", secret.Policy),
        ("revision", revision),
    ];

    private static Secret Read(NpgsqlDataReader r) => new(
        new AccountId(r.GetString(0)),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.IsDBNull(4) ? null : new KeyId(r.GetString(4)),
        r.ReadTime(5),
        r.ReadTime(6),
        r.ReadNullableTime(7),
        r.ReadNullableString(8),
        r.GetInt64(9));
}
