using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Keys and versions in SQLite; material only ever wrapped.</summary>
public sealed class SqliteKeyStore(SqliteDatabase database) : IKeyStore
{
    private const string KeyColumns =
        "k.account_id, k.id, k.spec, k.usage, k.origin, k.protection_level, k.state, k.description, k.created_at, " +
        "k.primary_version_id, k.last_rotation_at, k.delete_at, k.deletion_protection, k.revision, " +
        "k.automatic_rotation, k.rotation_interval_s, k.next_rotation_at, k.deletion_protection_description, k.policy, k.material_expire_at";

    private const int VersionColumnsStart = 20;

    private const string VersionColumns = "v.key_id, v.id, v.created_at, v.wrapped_material, v.public_key";

    /// <inheritdoc />
    public Task CreateAsync(Key key, KeyVersion firstVersion, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        await InsertKeyAsync(connection, transaction, key, cancellationToken);
        await InsertVersionAsync(connection, transaction, firstVersion, cancellationToken);
        transaction.Commit();
        return 0;
    }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c> (one WAL fsync for the batch; the write lock keeps other processes
    /// out while the counts are read and the keys inserted); each account's keys counted once; a savepoint per key.
    /// The batch's statements are prepared once and bound again for each key.
    /// </remarks>
    public Task<IReadOnlyList<KeyCreationResult>> TryCreateBatchAsync(IReadOnlyList<KeyCreation> keys, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            var results = new KeyCreationResult[keys.Count];
            var counts = new Dictionary<AccountId, int>();
            using var transaction = connection.BeginTransaction();
            using var save = connection.Command(transaction, "SAVEPOINT new_key");
            using var release = connection.Command(transaction, "RELEASE new_key");
            using var undo = connection.Command(transaction, "ROLLBACK TO new_key");
            using var insertKey = connection.Command(transaction, InsertKeySql);
            using var insertVersion = connection.Command(transaction, InsertVersionSql);
            for (var i = 0; i < keys.Count; i++)
            {
                var (key, version, limit) = keys[i];
                if (!counts.TryGetValue(key.Account, out var count))
                {
                    count = await CountAsync(connection, transaction, key.Account, cancellationToken);
                }

                if (count >= limit)
                {
                    counts[key.Account] = count;
                    results[i] = new KeyCreationResult(KeyCreationOutcome.LimitExceeded);
                    continue;
                }

                await save.ExecuteNonQueryAsync(cancellationToken);
                try
                {
                    await insertKey.Bind(InsertKeyParameters(key)).ExecuteNonQueryAsync(cancellationToken);
                    await insertVersion.Bind(InsertVersionParameters(version)).ExecuteNonQueryAsync(cancellationToken);
                    await release.ExecuteNonQueryAsync(cancellationToken);
                    counts[key.Account] = count + 1;
                    results[i] = new KeyCreationResult(KeyCreationOutcome.Created);
                }
                catch (SqliteException e)
                {
                    // Only this key is undone; a failure that ended the whole transaction fails the Commit below.
                    await undo.ExecuteNonQueryAsync(cancellationToken);
                    await release.ExecuteNonQueryAsync(cancellationToken);
                    counts[key.Account] = count;
                    results[i] = new KeyCreationResult(KeyCreationOutcome.Failed, new StoreUnavailableException("SQLite operation failed", e));
                }
            }

            transaction.Commit();
            return (IReadOnlyList<KeyCreationResult>)results;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryUpdateAsync(Key key, long expectedRevision, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
        {
            return false;
        }

        transaction.Commit();
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryAddVersionAsync(Key key, long expectedRevision, KeyVersion version, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
            {
                return false;
            }

            await InsertVersionAsync(connection, transaction, version, cancellationToken);
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<KeyVersion> Items, int TotalCount)> ListVersionsAsync(KeyId id, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var total = Convert.ToInt32(
                await connection.Command(transaction, "SELECT COUNT(*) FROM key_versions WHERE key_id = $key", ("$key", id.Value))
                    .ScalarOnceAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
            using var query = connection.Command(
                transaction,
                "SELECT key_id, id, created_at, wrapped_material, public_key FROM key_versions WHERE key_id = $key ORDER BY created_at, rowid LIMIT $limit OFFSET $offset",
                ("$key", id.Value),
                ("$limit", limit),
                ("$offset", offset));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var items = new List<KeyVersion>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadVersion(reader, 0));
            }

            return ((IReadOnlyList<KeyVersion>)items, total);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(Key key, long expectedRevision, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        await connection.Command(
            transaction,
            "DELETE FROM aliases WHERE key_id = $key AND EXISTS (SELECT 1 FROM keys WHERE id = $key AND revision = $revision)",
            ("$key", key.Id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken);
        await connection.Command(
            transaction,
            "DELETE FROM tags WHERE account_id = $account AND resource_type = 'key' AND resource_id = $key " +
            "AND EXISTS (SELECT 1 FROM keys WHERE id = $key AND revision = $revision)",
            ("$account", key.Account.Value),
            ("$key", key.Id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken);
        await connection.Command(
            transaction,
            "DELETE FROM import_wrapping_keys WHERE key_id = $key AND EXISTS (SELECT 1 FROM keys WHERE id = $key AND revision = $revision)",
            ("$key", key.Id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken);
        await connection.Command(
            transaction,
            "DELETE FROM key_versions WHERE key_id = $key AND EXISTS (SELECT 1 FROM keys WHERE id = $key AND revision = $revision)",
            ("$key", key.Id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken);
        var keys = await connection.Command(
            transaction,
            "DELETE FROM keys WHERE id = $key AND revision = $revision",
            ("$key", key.Id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken);
        if (keys != 1)
        {
            transaction.Rollback();
            return false;
        }

        transaction.Commit();
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForDeletionAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync("k.state = 'PendingDeletion' AND k.delete_at <= $now ORDER BY k.delete_at", now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForRotationAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync(
            "k.automatic_rotation = 'Enabled' AND k.state = 'Enabled' AND k.next_rotation_at <= $now ORDER BY k.next_rotation_at", now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Key>> ListDueForMaterialExpiryAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListWhereAsync("k.material_expire_at <= $now ORDER BY k.material_expire_at", now, limit, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> FindMaterialFingerprintAsync(KeyId id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await connection.Command("SELECT material_fingerprint FROM keys WHERE id = $id", ("$id", id.Value))
            .ScalarOnceAsync(cancellationToken) as byte[], cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryImportMaterialAsync(Key key, long expectedRevision, KeyVersion version, byte[] fingerprint, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
            {
                return false;
            }

            var versions = await connection.Command(
                transaction,
                "UPDATE key_versions SET wrapped_material = $material WHERE id = $id AND key_id = $key",
                ("$material", version.WrappedMaterial),
                ("$id", version.Id.Value),
                ("$key", key.Id.Value)).ExecuteOnceAsync(cancellationToken);
            if (versions != 1)
            {
                transaction.Rollback();
                return false;
            }

            await connection.Command(
                transaction,
                "UPDATE keys SET material_fingerprint = $fingerprint WHERE id = $key",
                ("$fingerprint", fingerprint),
                ("$key", key.Id.Value)).ExecuteOnceAsync(cancellationToken);
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryRemoveMaterialAsync(Key key, long expectedRevision, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!await UpdateAsync(connection, transaction, key, expectedRevision, cancellationToken))
            {
                return false;
            }

            // secure_delete (SqliteDatabase) overwrites the freed pages, so the wrapped bytes do not linger in the file.
            await connection.Command(
                transaction,
                "UPDATE key_versions SET wrapped_material = X'' WHERE key_id = $key",
                ("$key", key.Id.Value)).ExecuteOnceAsync(cancellationToken);
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Key?> FindAsync(AccountId account, KeyId id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command(
            $"SELECT {KeyColumns} FROM keys k WHERE k.id = $id AND k.account_id = $account",
            ("$id", id.Value),
            ("$account", account.Value));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadKey(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<(Key Key, KeyVersion? PrimaryVersion)?> FindWithPrimaryVersionAsync(AccountId account, KeyId id, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {KeyColumns}, {VersionColumns} FROM keys k " +
            "LEFT JOIN key_versions v ON v.id = k.primary_version_id AND v.key_id = k.id WHERE k.id = $id AND k.account_id = $account",
            async reader => await reader.ReadAsync(cancellationToken)
                ? (ReadKey(reader), reader.IsDBNull(VersionColumnsStart) ? null : ReadVersion(reader, VersionColumnsStart))
                : ((Key, KeyVersion?)?)null,
            cancellationToken,
            ("$id", id.Value),
            ("$account", account.Value));

    /// <inheritdoc />
    public Task<(Key Key, KeyVersion Version)?> FindVersionAsync(AccountId account, KeyVersionId versionId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {KeyColumns}, {VersionColumns} FROM key_versions v " +
            "JOIN keys k ON k.id = v.key_id WHERE v.id = $version AND k.account_id = $account",
            async reader => await reader.ReadAsync(cancellationToken)
                ? (ReadKey(reader), ReadVersion(reader, VersionColumnsStart))
                : ((Key, KeyVersion)?)null,
            cancellationToken,
            ("$version", versionId.Value),
            ("$account", account.Value));

    /// <inheritdoc />
    public Task<KeyVersion?> GetVersionAsync(KeyId id, KeyVersionId versionId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command(
                "SELECT key_id, id, created_at, wrapped_material, public_key FROM key_versions WHERE id = $version AND key_id = $key",
                ("$version", versionId.Value),
                ("$key", id.Value));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, 0) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<Key> Items, int TotalCount)> ListAsync(AccountId account, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var total = Convert.ToInt32(
                await connection.Command(transaction, "SELECT COUNT(*) FROM keys WHERE account_id = $account", ("$account", account.Value))
                    .ScalarOnceAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
            using var query = connection.Command(
                transaction,
                $"SELECT {KeyColumns} FROM keys k WHERE k.account_id = $account ORDER BY k.created_at, k.id LIMIT $limit OFFSET $offset",
                ("$account", account.Value),
                ("$limit", limit),
                ("$offset", offset));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var items = new List<Key>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadKey(reader));
            }

            return ((IReadOnlyList<Key>)items, total);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) =>
        database.RunAsync(connection => CountAsync(connection, null, account, cancellationToken), cancellationToken);

    /// <summary>The account's number of keys, from the trigger-kept key_counts row (migration 0008).</summary>
    private static async Task<int> CountAsync(
        SqliteConnection connection, SqliteTransaction? transaction, AccountId account, CancellationToken cancellationToken) =>
        Convert.ToInt32(
            await connection.Command(
                    transaction,
                    "SELECT COALESCE((SELECT n FROM key_counts WHERE account_id = $account), 0)",
                    ("$account", account.Value))
                .ScalarOnceAsync(cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);

    private const string InsertKeySql =
        "INSERT INTO keys (account_id, id, spec, usage, origin, protection_level, state, description, created_at, " +
        "primary_version_id, last_rotation_at, delete_at, deletion_protection, revision, automatic_rotation, rotation_interval_s, " +
        "next_rotation_at, deletion_protection_description, policy, material_expire_at) VALUES " +
        "($account, $id, $spec, $usage, $origin, $level, $state, $description, $created, $primary, $rotated, $delete, $protection, " +
        "$revision, $rotation, $interval, $next, $protectionDescription, $policy, $materialExpire)";

    private const string InsertVersionSql =
        "INSERT INTO key_versions (id, key_id, created_at, wrapped_material, public_key) VALUES ($id, $key, $created, $material, $public)";

    private static Task<int> InsertKeyAsync(SqliteConnection connection, SqliteTransaction transaction, Key key, CancellationToken cancellationToken) =>
        connection.Command(transaction, InsertKeySql, InsertKeyParameters(key)).ExecuteOnceAsync(cancellationToken);

    private static (string, object?)[] InsertKeyParameters(Key key) =>
    [
        .. KeyParameters(key), ("$account", key.Account.Value), ("$spec", KeySpecs.Name(key.Spec)), ("$usage", key.Usage),
        ("$origin", key.Origin), ("$level", key.ProtectionLevel), ("$created", ToUnixMs(key.CreationDate)), ("$revision", key.Revision),
    ];

    private Task<IReadOnlyList<Key>> ListWhereAsync(string condition, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command(
                $"SELECT {KeyColumns} FROM keys k WHERE {condition} LIMIT $limit",
                ("$now", ToUnixMs(now)),
                ("$limit", limit));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var items = new List<Key>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadKey(reader));
            }

            return (IReadOnlyList<Key>)items;
        }, cancellationToken);

    private static async Task<bool> UpdateAsync(
        SqliteConnection connection, SqliteTransaction transaction, Key key, long expectedRevision, CancellationToken cancellationToken) =>
        await connection.Command(
            transaction,
            "UPDATE keys SET state = $state, description = $description, primary_version_id = $primary, last_rotation_at = $rotated, " +
            "delete_at = $delete, deletion_protection = $protection, automatic_rotation = $rotation, rotation_interval_s = $interval, " +
            "next_rotation_at = $next, deletion_protection_description = $protectionDescription, policy = $policy, " +
            "material_expire_at = $materialExpire, revision = $expected + 1 " +
            "WHERE id = $id AND revision = $expected",
            [.. KeyParameters(key), ("$expected", expectedRevision)]).ExecuteOnceAsync(cancellationToken) == 1;

    private static (string, object?)[] KeyParameters(Key key) =>
    [
        ("$id", key.Id.Value),
        ("$state", KeyStateMachine.Name(key.State)),
        ("$description", key.Description),
        ("$primary", key.PrimaryVersion.Value),
        ("$rotated", ToUnixMs(key.LastRotationDate)),
        ("$delete", key.DeleteDate is { } d ? ToUnixMs(d) : null),
        ("$protection", key.DeletionProtection ? 1 : 0),
        ("$rotation", KeyStateMachine.Name(key.AutomaticRotation)),
        ("$interval", key.RotationInterval is { } i ? (long)i.TotalSeconds : null),
        ("$next", key.NextRotationDate is { } n ? ToUnixMs(n) : null),
        ("$protectionDescription", key.DeletionProtectionDescription),
        ("$policy", key.Policy),
        ("$materialExpire", key.MaterialExpireTime is { } m ? ToUnixMs(m) : null),
    ];

    private static Task<int> InsertVersionAsync(SqliteConnection connection, SqliteTransaction transaction, KeyVersion version, CancellationToken cancellationToken) =>
        connection.Command(transaction, InsertVersionSql, InsertVersionParameters(version)).ExecuteOnceAsync(cancellationToken);

    private static (string, object?)[] InsertVersionParameters(KeyVersion version) =>
    [
        ("$id", version.Id.Value),
        ("$key", version.KeyId.Value),
        ("$created", ToUnixMs(version.CreationDate)),
        ("$material", version.WrappedMaterial),
        ("$public", version.PublicKey),
    ];

    private static Key ReadKey(SqliteDataReader r)
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
            FromUnixMs(r.GetInt64(8)),
            new KeyVersionId(r.GetString(9)),
            FromUnixMs(r.GetInt64(10)),
            r.IsDBNull(11) ? null : FromUnixMs(r.GetInt64(11)),
            r.GetInt64(12) != 0,
            r.GetInt64(13),
            KeyStateMachine.ParseRotation(r.GetString(14)),
            r.IsDBNull(15) ? null : TimeSpan.FromSeconds(r.GetInt64(15)),
            r.IsDBNull(16) ? null : FromUnixMs(r.GetInt64(16)),
            r.GetString(17),
            r.IsDBNull(18) ? null : r.GetString(18),
            r.IsDBNull(19) ? null : FromUnixMs(r.GetInt64(19)));
    }

    private static KeyVersion ReadVersion(SqliteDataReader r, int start) => new(
        new KeyId(r.GetString(start)),
        new KeyVersionId(r.GetString(start + 1)),
        FromUnixMs(r.GetInt64(start + 2)),
        (byte[])r.GetValue(start + 3),
        r.IsDBNull(start + 4) ? null : (byte[])r.GetValue(start + 4));
}
