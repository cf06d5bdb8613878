using Coffer.Core.Storage;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Used nonces in SQLite: the primary key refuses a second insert, durably (synchronous=FULL).</summary>
public sealed class SqliteNonceStore(SqliteDatabase database) : INonceStore
{
    /// <inheritdoc />
    public Task<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES ($key, $nonce, $expires) ON CONFLICT DO NOTHING",
            ("$key", accessKeyId),
            ("$nonce", nonce),
            ("$expires", ToUnixMs(expiresAt))).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "DELETE FROM nonces WHERE expires_at < $now", ("$now", ToUnixMs(now))).ExecuteNonQueryAsync(cancellationToken), cancellationToken);
}
