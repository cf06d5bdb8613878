using System.Globalization;
using System.Text.Json;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Secrets in SQLite; the primary key (account, name) makes names unique, <c>revision</c> guards every change.</summary>
public sealed class SqliteSecretStore(SqliteDatabase database) : ISecretStore
{
    private const string Columns =
        "account_id, name, secret_type, description, encryption_key_id, created_at, updated_at, planned_delete_at, policy, revision";

    /// <inheritdoc />
    public Task<bool> TryCreateAsync(Secret secret, SecretVersion version, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        var inserted = await connection.Command(
            transaction,
            $"INSERT INTO secrets ({Columns}) VALUES ($account, $name, $type, $description, $key, $created, $updated, $planned, $policy, $revision) " +
            "ON CONFLICT DO NOTHING",
            SecretParameters(secret, secret.Revision)).ExecuteOnceAsync(cancellationToken);
        if (inserted != 1)
        {
            transaction.Rollback();
            return false;
        }

        await UpsertVersionAsync(connection, transaction, secret, version, cancellationToken);
        transaction.Commit();
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<Secret?> FindAsync(AccountId account, string name, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command(
            $"SELECT {Columns} FROM secrets WHERE account_id = $account AND name = $name",
            ("$account", account.Value),
            ("$name", name));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(AccountId account, string name, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command(
                "SELECT version_id, created_at, data_type, stages, sealed_key, ciphertext FROM secret_versions " +
                "WHERE account_id = $account AND secret_name = $name ORDER BY seq",
                ("$account", account.Value),
                ("$name", name));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var versions = new List<SecretVersion>();
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(new SecretVersion(
                    reader.GetString(0),
                    FromUnixMs(reader.GetInt64(1)),
                    reader.GetString(2),
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(3)) ?? [],
                    (byte[])reader[4],
                    (byte[])reader[5]));
            }

            return (IReadOnlyList<SecretVersion>)versions;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySaveAsync(
        Secret secret, long expectedRevision, IReadOnlyList<SecretVersion> upserts, IReadOnlyList<string> removedVersionIds,
        CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        var parameters = SecretParameters(secret, expectedRevision + 1).Append(("$expected", (object?)expectedRevision)).ToArray();
        var updated = await connection.Command(
            transaction,
            "UPDATE secrets SET secret_type = $type, description = $description, encryption_key_id = $key, created_at = $created, " +
            "updated_at = $updated, planned_delete_at = $planned, policy = $policy, revision = $revision " +
            "WHERE account_id = $account AND name = $name AND revision = $expected",
            parameters).ExecuteOnceAsync(cancellationToken);
        if (updated != 1)
        {
            transaction.Rollback();
            return false;
        }

        foreach (var versionId in removedVersionIds)
        {
            await connection.Command(
                transaction,
                "DELETE FROM secret_versions WHERE account_id = $account AND secret_name = $name AND version_id = $version",
                ("$account", secret.Account.Value),
                ("$name", secret.Name),
                ("$version", versionId)).ExecuteOnceAsync(cancellationToken);
        }

        foreach (var version in upserts)
        {
            await UpsertVersionAsync(connection, transaction, secret, version, cancellationToken);
        }

        transaction.Commit();
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(AccountId account, string name, long expectedRevision, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            var guard = " AND EXISTS (SELECT 1 FROM secrets WHERE account_id = $account AND name = $name AND revision = $revision)";
            (string, object?)[] parameters = [("$account", account.Value), ("$name", name), ("$revision", expectedRevision)];
            await connection.Command(
                transaction,
                "DELETE FROM tags WHERE account_id = $account AND resource_type = 'secret' AND resource_id = $name" + guard,
                parameters).ExecuteOnceAsync(cancellationToken);
            await connection.Command(
                transaction, "DELETE FROM secret_versions WHERE account_id = $account AND secret_name = $name" + guard, parameters)
                .ExecuteOnceAsync(cancellationToken);
            var deleted = await connection.Command(
                transaction, "DELETE FROM secrets WHERE account_id = $account AND name = $name AND revision = $revision", parameters)
                .ExecuteOnceAsync(cancellationToken);
            if (deleted != 1)
            {
                transaction.Rollback();
                return false;
            }

            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Secret>> ListAsync(AccountId account, CancellationToken cancellationToken) =>
        ListWhereAsync("account_id = $account ORDER BY created_at, name", [("$account", account.Value)], cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        Convert.ToInt32(
            await connection.Command("SELECT COUNT(*) FROM secrets WHERE account_id = $account", ("$account", account.Value))
                .ScalarOnceAsync(cancellationToken),
            CultureInfo.InvariantCulture), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Secret>> ListDueForPurgeAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync(
            "planned_delete_at IS NOT NULL AND planned_delete_at <= $now ORDER BY planned_delete_at LIMIT $limit",
            [("$now", ToUnixMs(now)), ("$limit", limit)],
            cancellationToken);

    private Task<IReadOnlyList<Secret>> ListWhereAsync(string where, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command($"SELECT {Columns} FROM secrets WHERE " + where, parameters);
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var secrets = new List<Secret>();
            while (await reader.ReadAsync(cancellationToken))
            {
                secrets.Add(Read(reader));
            }

            return (IReadOnlyList<Secret>)secrets;
        }, cancellationToken);

    private static async Task UpsertVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, Secret secret, SecretVersion version, CancellationToken cancellationToken) =>
        await connection.Command(
            transaction,
            "INSERT INTO secret_versions (account_id, secret_name, version_id, seq, created_at, data_type, stages, sealed_key, ciphertext) " +
            "VALUES ($account, $name, $version, (SELECT COALESCE(MAX(seq), 0) + 1 FROM secret_versions WHERE account_id = $account AND secret_name = $name), " +
            "$created, $type, $stages, $sealed, $ciphertext) " +
            "ON CONFLICT (account_id, secret_name, version_id) DO UPDATE SET stages = excluded.stages",
            ("$account", secret.Account.Value),
            ("$name", secret.Name),
            ("$version", version.VersionId),
            ("$created", ToUnixMs(version.CreateTime)),
            ("$type", version.DataType),
            ("$stages", JsonSerializer.Serialize(version.Stages)),
            ("$sealed", version.SealedKey),
            ("$ciphertext", version.Ciphertext)).ExecuteOnceAsync(cancellationToken);

    private static (string, object?)[] SecretParameters(Secret secret, long revision) =>
    [
        ("$account", secret.Account.Value),
        ("$name", secret.Name),
        ("$type", secret.SecretType),
        ("$description", secret.Description),
        ("$key", secret.EncryptionKeyId?.Value),
        ("$created", ToUnixMs(secret.CreateTime)),
        ("$updated", ToUnixMs(secret.UpdateTime)),
        ("$planned", secret.PlannedDeleteTime is { } planned ? ToUnixMs(planned) : null),
        ("$policy", secret.Policy),
        ("$revision", revision),
    ];

    private static Secret Read(SqliteDataReader r) => new(
        new AccountId(r.GetString(0)),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.IsDBNull(4) ? null : new KeyId(r.GetString(4)),
        FromUnixMs(r.GetInt64(5)),
        FromUnixMs(r.GetInt64(6)),
        r.IsDBNull(7) ? null : FromUnixMs(r.GetInt64(7)),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.GetInt64(9));
}
