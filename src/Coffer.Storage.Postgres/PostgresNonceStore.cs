using Coffer.Core.Storage;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>
/// Used nonces in PostgreSQL: the primary key refuses a second insert from any node (a concurrent insert of the same
/// nonce waits for the first to commit, then inserts nothing), and the commit is durable before the request runs.
/// </summary>
public sealed class PostgresNonceStore(PostgresDatabase database) : INonceStore
{
    /// <inheritdoc />
    public Task<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES (@key, @nonce, @expires) ON CONFLICT DO NOTHING",
            ("key", accessKeyId),
            ("nonce", nonce),
            ("expires", ToStored(expiresAt))).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "DELETE FROM nonces WHERE expires_at < @now", ("now", ToStored(now))).ExecuteNonQueryAsync(cancellationToken), cancellationToken);
}
