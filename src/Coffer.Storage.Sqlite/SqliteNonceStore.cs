using Coffer.Core.Storage;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Used nonces in SQLite: the primary key refuses a second insert, durably (synchronous=FULL).</summary>
public sealed class SqliteNonceStore(SqliteDatabase database) : INonceStore
{
    private const string InsertSql =
        "INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES ($key, $nonce, $expires) ON CONFLICT DO NOTHING";

    /// <inheritdoc />
    public Task<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            InsertSql,
            ("$key", accessKeyId),
            ("$nonce", nonce),
            ("$expires", ToUnixMs(expiresAt))).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c>: one WAL fsync for the whole batch.</remarks>
    public Task<IReadOnlyList<bool>> TryRecordBatchAsync(IReadOnlyList<NonceRecord> nonces, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            var recorded = new bool[nonces.Count];
            using var transaction = connection.BeginTransaction();
            using var insert = connection.Command(transaction, InsertSql, ("$key", ""), ("$nonce", ""), ("$expires", 0L));
            var key = insert.Parameters["$key"];
            var nonce = insert.Parameters["$nonce"];
            var expires = insert.Parameters["$expires"];
            for (var i = 0; i < nonces.Count; i++)
            {
                key.Value = nonces[i].AccessKeyId;
                nonce.Value = nonces[i].Nonce;
                expires.Value = ToUnixMs(nonces[i].ExpiresAt);
                recorded[i] = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
            }

            transaction.Commit();
            return (IReadOnlyList<bool>)recorded;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "DELETE FROM nonces WHERE expires_at < $now", ("$now", ToUnixMs(now))).ExecuteNonQueryAsync(cancellationToken), cancellationToken);
}
