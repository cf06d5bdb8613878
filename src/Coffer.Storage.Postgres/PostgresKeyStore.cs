using System.Data;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>Keys and versions in PostgreSQL; material only ever wrapped; every change a compare-and-swap on revision.</summary>
public sealed class PostgresKeyStore(PostgresDatabase database) : IKeyStore
{
    private const string KeyColumns =
        "k.account_id, k.id, k.spec, k.usage, k.origin, k.protection_level, k.state, k.description, k.created_at, " +
        "k.primary_version_id, k.last_rotation_at, k.delete_at, k.deletion_protection, k.revision, " +
        "k.automatic_rotation, k.rotation_interval_s, k.next_rotation_at, k.deletion_protection_description, k.policy, k.material_expire_at";

    private const int VersionColumnsStart = 20;

    private const string VersionColumns = "v.key_id, v.id, v.created_at, v.wrapped_material, v.public_key";

    /// <inheritdoc />
    public Task CreateAsync(Key key, KeyVersion firstVersion, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            await InsertKeyAsync(connection, transaction, key, cancellationToken);
            await InsertVersionAsync(connection, transaction, firstVersion, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One transaction (one commit for the batch). Each account's key count is read under a transaction-scoped advisory
    /// lock on that account, taken in a fixed order, so two nodes creating keys in one account are serialised and
    /// cannot together pass its limit; a savepoint per key.
    /// </remarks>
    public Task<IReadOnlyList<KeyCreationResult>> TryCreateBatchAsync(IReadOnlyList<KeyCreation> keys, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            var counts = new Dictionary<AccountId, int>();
            foreach (var account in keys.Select(k => k.Key.Account).Distinct().OrderBy(a => a.Value, StringComparer.Ordinal))
            {
                await connection.Command(transaction, "SELECT pg_advisory_xact_lock(hashtextextended('keys/' || @account, 0))", ("account", account.Value))
                    .ExecuteNonQueryAsync(cancellationToken);
                counts[account] = await CountAsync(connection, transaction, account, cancellationToken);
            }

            var results = new KeyCreationResult[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                var (key, version, limit) = keys[i];
                if (counts[key.Account] >= limit)
                {
                    results[i] = new KeyCreationResult(KeyCreationOutcome.LimitExceeded);
                    continue;
                }

                await transaction.SaveAsync("new_key", cancellationToken);
                try
                {
                    await InsertKeyAsync(connection, transaction, key, cancellationToken);
                    await InsertVersionAsync(connection, transaction, version, cancellationToken);
                    await transaction.ReleaseAsync("new_key", cancellationToken);
                    counts[key.Account]++;
                    results[i] = new KeyCreationResult(KeyCreationOutcome.Created);
                }
                catch (PostgresException e)
                {
                    // Only this key is undone; a failure that ended the whole transaction fails the commit below.
                    await transaction.RollbackAsync("new_key", cancellationToken);
                    await transaction.ReleaseAsync("new_key", cancellationToken);
                    results[i] = new KeyCreationResult(KeyCreationOutcome.Failed, new StoreUnavailableException("PostgreSQL operation failed", e));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<KeyCreationResult>)results;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryUpdateAsync(Key key, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await UpdateAsync(connection, null, key, expectedRevision, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryAddVersionAsync(Key key, long expectedRevision, KeyVersion version, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
            {
                return false;
            }

            await InsertVersionAsync(connection, transaction, version, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<KeyVersion> Items, int TotalCount)> ListVersionsAsync(KeyId id, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            var total = ToInt32(await connection.Command(transaction, "SELECT COUNT(*) FROM key_versions WHERE key_id = @key", ("key", id.Value))
                .ExecuteScalarAsync(cancellationToken));
            await using var reader = await connection.Command(
                transaction,
                $"SELECT {VersionColumns} FROM key_versions v WHERE v.key_id = @key ORDER BY v.created_at, v.seq LIMIT @limit OFFSET @offset",
                ("key", id.Value),
                ("limit", limit),
                ("offset", offset)).ExecuteReaderAsync(cancellationToken);
            var items = new List<KeyVersion>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadVersion(reader, 0));
            }

            return ((IReadOnlyList<KeyVersion>)items, total);
        }, cancellationToken, IsolationLevel.RepeatableRead);

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(Key key, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            // The row lock makes a concurrent delete (another node's scheduler) or update wait, then see the new revision.
            var locked = await connection.Command(
                transaction,
                "SELECT 1 FROM keys WHERE id = @key AND revision = @revision FOR UPDATE",
                ("key", key.Id.Value),
                ("revision", expectedRevision)).ExecuteScalarAsync(cancellationToken);
            if (locked is null)
            {
                return false;
            }

            await connection.Command(transaction, "DELETE FROM aliases WHERE key_id = @key", ("key", key.Id.Value))
                .ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(
                transaction,
                "DELETE FROM tags WHERE account_id = @account AND resource_type = 'key' AND resource_id = @key",
                ("account", key.Account.Value),
                ("key", key.Id.Value)).ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(transaction, "DELETE FROM import_wrapping_keys WHERE key_id = @key", ("key", key.Id.Value))
                .ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(transaction, "DELETE FROM key_versions WHERE key_id = @key", ("key", key.Id.Value))
                .ExecuteNonQueryAsync(cancellationToken);
            await connection.Command(transaction, "DELETE FROM keys WHERE id = @key", ("key", key.Id.Value))
                .ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForDeletionAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync("k.state = 'PendingDeletion' AND k.delete_at <= @now ORDER BY k.delete_at", now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForRotationAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync(
            "k.automatic_rotation = 'Enabled' AND k.state = 'Enabled' AND k.next_rotation_at <= @now ORDER BY k.next_rotation_at", now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForMaterialExpiryAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync("k.material_expire_at <= @now ORDER BY k.material_expire_at", now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> FindMaterialFingerprintAsync(KeyId id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await connection.Command("SELECT material_fingerprint FROM keys WHERE id = @id", ("id", id.Value))
            .ExecuteScalarAsync(cancellationToken) as byte[], cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryImportMaterialAsync(Key key, long expectedRevision, KeyVersion version, byte[] fingerprint, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
            {
                return false;
            }

            var versions = await connection.Command(
                transaction,
                "UPDATE key_versions SET wrapped_material = @material WHERE id = @id AND key_id = @key",
                ("material", version.WrappedMaterial),
                ("id", version.Id.Value),
                ("key", key.Id.Value)).ExecuteNonQueryAsync(cancellationToken);
            if (versions != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await connection.Command(
                transaction,
                "UPDATE keys SET material_fingerprint = @fingerprint WHERE id = @key",
                ("fingerprint", fingerprint),
                ("key", key.Id.Value)).ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryRemoveMaterialAsync(Key key, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
            {
                return false;
            }

            // The old row versions stay in the heap until VACUUM reclaims them (PostgreSQL has no secure_delete); they
            // hold only material wrapped under the root key.
            await connection.Command(
                transaction,
                "UPDATE key_versions SET wrapped_material = ''::bytea WHERE key_id = @key",
                ("key", key.Id.Value)).ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Key?> FindAsync(AccountId account, KeyId id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command(
            $"SELECT {KeyColumns} FROM keys k WHERE k.id = @id AND k.account_id = @account",
            ("id", id.Value),
            ("account", account.Value)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadKey(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<(Key Key, KeyVersion? PrimaryVersion)?> FindWithPrimaryVersionAsync(AccountId account, KeyId id, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command(
                $"SELECT {KeyColumns}, {VersionColumns} FROM keys k " +
                "LEFT JOIN key_versions v ON v.id = k.primary_version_id AND v.key_id = k.id WHERE k.id = @id AND k.account_id = @account",
                ("id", id.Value),
                ("account", account.Value)).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? (ReadKey(reader), reader.IsDBNull(VersionColumnsStart) ? null : ReadVersion(reader, VersionColumnsStart))
                : ((Key, KeyVersion?)?)null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<(Key Key, KeyVersion Version)?> FindVersionAsync(AccountId account, KeyVersionId versionId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command(
                $"SELECT {KeyColumns}, {VersionColumns} FROM key_versions v " +
                "JOIN keys k ON k.id = v.key_id WHERE v.id = @version AND k.account_id = @account",
                ("version", versionId.Value),
                ("account", account.Value)).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? (ReadKey(reader), ReadVersion(reader, VersionColumnsStart))
                : ((Key, KeyVersion)?)null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<KeyVersion?> GetVersionAsync(KeyId id, KeyVersionId versionId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command(
                $"SELECT {VersionColumns} FROM key_versions v WHERE v.id = @version AND v.key_id = @key",
                ("version", versionId.Value),
                ("key", id.Value)).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, 0) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<Key> Items, int TotalCount)> ListAsync(AccountId account, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            var total = ToInt32(await connection.Command(transaction, "SELECT COUNT(*) FROM keys WHERE account_id = @account", ("account", account.Value))
                .ExecuteScalarAsync(cancellationToken));
            await using var reader = await connection.Command(
                transaction,
                $"SELECT {KeyColumns} FROM keys k WHERE k.account_id = @account ORDER BY k.created_at, k.id LIMIT @limit OFFSET @offset",
                ("account", account.Value),
                ("limit", limit),
                ("offset", offset)).ExecuteReaderAsync(cancellationToken);
            var items = new List<Key>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadKey(reader));
            }

            return ((IReadOnlyList<Key>)items, total);
        }, cancellationToken, IsolationLevel.RepeatableRead);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) =>
        database.RunAsync(connection => CountAsync(connection, null, account, cancellationToken), cancellationToken);

    /// <summary>The account's number of keys, from the trigger-kept key_counts row (migration 0007).</summary>
    private static async Task<int> CountAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AccountId account, CancellationToken cancellationToken) =>
        ToInt32(await connection.Command(
                transaction, "SELECT COALESCE((SELECT n FROM key_counts WHERE account_id = @account), 0)", ("account", account.Value))
            .ExecuteScalarAsync(cancellationToken));

    private static Task<int> InsertKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Key key, CancellationToken cancellationToken) =>
        connection.Command(
            transaction,
            "INSERT INTO keys (account_id, id, spec, usage, origin, protection_level, state, description, created_at, " +
            "primary_version_id, last_rotation_at, delete_at, deletion_protection, revision, automatic_rotation, rotation_interval_s, " +
            "next_rotation_at, deletion_protection_description, policy, material_expire_at) VALUES " +
            "(@account, @id, @spec, @usage, @origin, @level, @state, @description, @created, @primary, @rotated, @delete, @protection, " +
            "@revision, @rotation, @interval, @next, @protectionDescription, @policy, @materialExpire)",
            [.. KeyParameters(key), ("account", key.Account.Value), ("spec", KeySpecs.Name(key.Spec)), ("usage", key.Usage),
                ("origin", key.Origin), ("level", key.ProtectionLevel), ("created", ToStored(key.CreationDate)),
                ("revision", key.Revision)]).ExecuteNonQueryAsync(cancellationToken);

    private Task<IReadOnlyList<Key>> ListWhereAsync(string condition, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command(
                $"SELECT {KeyColumns} FROM keys k WHERE {condition} LIMIT @limit",
                ("now", ToStored(now)),
                ("limit", limit)).ExecuteReaderAsync(cancellationToken);
            var items = new List<Key>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadKey(reader));
            }

            return (IReadOnlyList<Key>)items;
        }, cancellationToken);

    private static async Task<bool> UpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Key key, long expectedRevision, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "UPDATE keys SET state = @state, description = @description, primary_version_id = @primary, last_rotation_at = @rotated, " +
            "delete_at = @delete, deletion_protection = @protection, automatic_rotation = @rotation, rotation_interval_s = @interval, " +
            "next_rotation_at = @next, deletion_protection_description = @protectionDescription, policy = @policy, " +
            "material_expire_at = @materialExpire, revision = @expected + 1 " +
            "WHERE id = @id AND revision = @expected",
            [.. KeyParameters(key), ("expected", expectedRevision)]);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static (string, object?)[] KeyParameters(Key key) =>
    [
        ("id", key.Id.Value),
        ("state", KeyStateMachine.Name(key.State)),
        ("description", key.Description),
        ("primary", key.PrimaryVersion.Value),
        ("rotated", ToStored(key.LastRotationDate)),
        ("delete", ToStored(key.DeleteDate)),
        ("protection", key.DeletionProtection),
        ("rotation", KeyStateMachine.Name(key.AutomaticRotation)),
        ("interval", key.RotationInterval is { } i ? (long)i.TotalSeconds : null),
        ("next", ToStored(key.NextRotationDate)),
        ("protectionDescription", key.DeletionProtectionDescription),
        ("policy", key.Policy),
        ("materialExpire", ToStored(key.MaterialExpireTime)),
    ];

    private static Task<int> InsertVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, KeyVersion version, CancellationToken cancellationToken) =>
        connection.Command(
            transaction,
            "INSERT INTO key_versions (id, key_id, created_at, wrapped_material, public_key) VALUES (@id, @key, @created, @material, @public)",
            ("id", version.Id.Value),
            ("key", version.KeyId.Value),
            ("created", ToStored(version.CreationDate)),
            ("material", version.WrappedMaterial),
            ("public", version.PublicKey)).ExecuteNonQueryAsync(cancellationToken);

    private static Key ReadKey(NpgsqlDataReader r)
    {
        if (!KeySpecs.TryParse(r.GetString(2), out var spec))
        {
            throw new FormatException("Unknown key spec in storage.");
        }

        return new Key(
            new AccountId(r.GetString(0)),
            new KeyId(r.GetString(1)),
            spec,
            r.GetString(3),
            r.GetString(4),
            r.GetString(5),
            KeyStateMachine.Parse(r.GetString(6)),
            r.GetString(7),
            r.ReadTime(8),
            new KeyVersionId(r.GetString(9)),
            r.ReadTime(10),
            r.ReadNullableTime(11),
            r.GetBoolean(12),
            r.GetInt64(13),
            KeyStateMachine.ParseRotation(r.GetString(14)),
            r.IsDBNull(15) ? null : TimeSpan.FromSeconds(r.GetInt64(15)),
            r.ReadNullableTime(16),
            r.GetString(17),
            r.ReadNullableString(18),
            r.ReadNullableTime(19));
    }

    private static KeyVersion ReadVersion(NpgsqlDataReader r, int start) => new(
        new KeyId(r.GetString(start)),
        new KeyVersionId(r.GetString(start + 1)),
        r.ReadTime(start + 2),
        r.GetFieldValue<byte[]>(start + 3),
        r.IsDBNull(start + 4) ? null : r.GetFieldValue<byte[]>(start + 4));
}
