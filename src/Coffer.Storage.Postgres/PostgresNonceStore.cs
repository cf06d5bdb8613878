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
    /// <remarks>
    /// One statement in one transaction: one commit (one WAL flush) for the whole batch. Rows are inserted in a fixed
    /// order (AccessKeyId, nonce), so two nodes' batches that share nonces wait on each other instead of deadlocking.
    /// </remarks>
    public Task<IReadOnlyList<bool>> TryRecordBatchAsync(IReadOnlyList<NonceRecord> nonces, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var ordered = nonces
                .Order(Comparer<NonceRecord>.Create((x, y) =>
                {
                    var byKey = string.CompareOrdinal(x.AccessKeyId, y.AccessKeyId);
                    return byKey != 0 ? byKey : string.CompareOrdinal(x.Nonce, y.Nonce);
                }))
                .ToArray();
            var inserted = new HashSet<(string, string)>();
            await using (var reader = await connection.Command(
                "INSERT INTO nonces (access_key_id, nonce, expires_at) " +
                "SELECT k, v, e FROM unnest(@keys::text[], @nonces::text[], @expires::timestamptz[]) WITH ORDINALITY AS n(k, v, e, i) ORDER BY i " +
                "ON CONFLICT DO NOTHING RETURNING access_key_id, nonce",
                ("keys", ordered.Select(n => n.AccessKeyId).ToArray()),
                ("nonces", ordered.Select(n => n.Nonce).ToArray()),
                ("expires", ordered.Select(n => ToStored(n.ExpiresAt)).ToArray())).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            return (IReadOnlyList<bool>)nonces.Select(n => inserted.Contains((n.AccessKeyId, n.Nonce))).ToArray();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "DELETE FROM nonces WHERE expires_at < @now", ("now", ToStored(now))).ExecuteNonQueryAsync(cancellationToken), cancellationToken);
}
