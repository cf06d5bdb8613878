using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Coffer.Core.Tags;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>Tags in PostgreSQL, one row per (resource, tag key).</summary>
public sealed class PostgresTagStore(PostgresDatabase database) : ITagStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<Tag>> ListAsync(AccountId account, string resourceType, string resourceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var reader = await connection.Command(
                "SELECT tag_key, tag_value FROM tags WHERE account_id = @account AND resource_type = @type AND resource_id = @id ORDER BY tag_key",
                ("account", account.Value),
                ("type", resourceType),
                ("id", resourceId)).ExecuteReaderAsync(cancellationToken);
            var tags = new List<Tag>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tags.Add(new Tag(reader.GetString(0), reader.GetString(1)));
            }

            return (IReadOnlyList<Tag>)tags;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetAsync(
        AccountId account, string resourceType, IReadOnlyList<string> resourceIds, IReadOnlyList<Tag> tags, int maxTagsPerResource,
        CancellationToken cancellationToken) => database.RunInTransactionAsync(async (connection, transaction) =>
    {
        // Two concurrent calls on one resource must not both pass the count check (SQLite's single writer gives this
        // for free): a transaction-scoped advisory lock per resource, taken in a fixed order so calls cannot deadlock.
        foreach (var resourceId in resourceIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await LockResourceAsync(connection, transaction, account, resourceType, resourceId, cancellationToken);
        }

        foreach (var resourceId in resourceIds)
        {
            foreach (var tag in tags)
            {
                await connection.Command(
                    transaction,
                    "INSERT INTO tags (account_id, resource_type, resource_id, tag_key, tag_value) VALUES (@account, @type, @id, @key, @value) " +
                    "ON CONFLICT (account_id, resource_type, resource_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                    ("account", account.Value),
                    ("type", resourceType),
                    ("id", resourceId),
                    ("key", tag.Key),
                    ("value", tag.Value)).ExecuteNonQueryAsync(cancellationToken);
            }

            var count = ToInt32(await connection.Command(
                transaction,
                "SELECT COUNT(*) FROM tags WHERE account_id = @account AND resource_type = @type AND resource_id = @id",
                ("account", account.Value),
                ("type", resourceType),
                ("id", resourceId)).ExecuteScalarAsync(cancellationToken));
            if (count > maxTagsPerResource)
            {
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(
        AccountId account, string resourceType, IReadOnlyList<string> resourceIds, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var sql = "DELETE FROM tags WHERE account_id = @account AND resource_type = @type AND resource_id = ANY(@ids)";
            var parameters = new List<(string, object?)> { ("account", account.Value), ("type", resourceType), ("ids", resourceIds.ToArray()) };
            if (keys is not null)
            {
                sql += " AND tag_key = ANY(@keys)";
                parameters.Add(("keys", keys.ToArray()));
            }

            return await connection.Command(sql, [.. parameters]).ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(string ResourceId, Tag Tag)>> ListRowsAsync(
        AccountId account, string resourceType, IReadOnlyList<string>? resourceIds, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var sql = "SELECT resource_id, tag_key, tag_value FROM tags WHERE account_id = @account AND resource_type = @type";
            var parameters = new List<(string, object?)> { ("account", account.Value), ("type", resourceType), ("limit", limit), ("offset", offset) };
            if (resourceIds is not null)
            {
                sql += " AND resource_id = ANY(@ids)";
                parameters.Add(("ids", resourceIds.ToArray()));
            }

            await using var reader = await connection.Command(sql + " ORDER BY resource_id, tag_key LIMIT @limit OFFSET @offset", [.. parameters])
                .ExecuteReaderAsync(cancellationToken);
            var rows = new List<(string, Tag)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), new Tag(reader.GetString(1), reader.GetString(2))));
            }

            return (IReadOnlyList<(string ResourceId, Tag Tag)>)rows;
        }, cancellationToken);

    private static Task<int> LockResourceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AccountId account, string resourceType, string resourceId,
        CancellationToken cancellationToken) =>
        connection.Command(
            transaction,
            "SELECT pg_advisory_xact_lock(hashtextextended(@account || '/' || @type || '/' || @id, 0))",
            ("account", account.Value),
            ("type", resourceType),
            ("id", resourceId)).ExecuteNonQueryAsync(cancellationToken);
}
