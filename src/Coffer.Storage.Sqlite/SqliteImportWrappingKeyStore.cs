using Coffer.Core.Accounts;
using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Import wrapping key pairs in SQLite; private keys only ever wrapped.</summary>
public sealed class SqliteImportWrappingKeyStore(SqliteDatabase database) : IImportWrappingKeyStore
{
    /// <inheritdoc />
    public Task CreateAsync(ImportWrappingKey wrappingKey, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
        await connection.Command(
            "INSERT INTO import_wrapping_keys (id, account_id, key_id, wrapping_key_spec, wrapping_algorithm, wrapped_private_key, created_at, expires_at) " +
            "VALUES ($id, $account, $key, $spec, $algorithm, $wrapped, $created, $expires)",
            ("$id", wrappingKey.Id),
            ("$account", wrappingKey.Account.Value),
            ("$key", wrappingKey.KeyId.Value),
            ("$spec", wrappingKey.Parameters.SpecName),
            ("$algorithm", wrappingKey.Parameters.AlgorithmName),
            ("$wrapped", wrappingKey.WrappedPrivateKey),
            ("$created", ToUnixMs(wrappingKey.CreationDate)),
            ("$expires", ToUnixMs(wrappingKey.ExpireTime))).ExecuteOnceAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<ImportWrappingKey?> FindAsync(AccountId account, KeyId key, string id, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command(
                "SELECT account_id, key_id, id, wrapping_key_spec, wrapping_algorithm, wrapped_private_key, created_at, expires_at " +
                "FROM import_wrapping_keys WHERE id = $id AND account_id = $account AND key_id = $key",
                ("$id", id),
                ("$account", account.Value),
                ("$key", key.Value));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
        await connection.Command(
            "DELETE FROM import_wrapping_keys WHERE id IN (SELECT id FROM import_wrapping_keys WHERE expires_at <= $now ORDER BY expires_at LIMIT $limit)",
            ("$now", ToUnixMs(now)),
            ("$limit", limit)).ExecuteOnceAsync(cancellationToken), cancellationToken);

    private static ImportWrappingKey Read(SqliteDataReader r) => new(
        new AccountId(r.GetString(0)),
        new KeyId(r.GetString(1)),
        r.GetString(2),
        WrappingParameters.Parse(r.GetString(4), r.GetString(3)),
        (byte[])r.GetValue(5),
        FromUnixMs(r.GetInt64(6)),
        FromUnixMs(r.GetInt64(7)));
}
