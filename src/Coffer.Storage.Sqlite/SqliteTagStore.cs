using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Coffer.Core.Tags;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>Tags in SQLite, one row per (resource, tag key).</summary>
public sealed class SqliteTagStore(SqliteDatabase database) : ITagStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<Tag>> ListAsync(AccountId account, string resourceType, string resourceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command(
                "SELECT tag_key, tag_value FROM tags WHERE account_id = $account AND resource_type = $type AND resource_id = $id ORDER BY tag_key",
                ("$account", account.Value),
                ("$type", resourceType),
                ("$id", resourceId));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
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
        CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var resourceId in resourceIds)
        {
            foreach (var tag in tags)
            {
                await connection.Command(
                    transaction,
                    "INSERT INTO tags (account_id, resource_type, resource_id, tag_key, tag_value) VALUES ($account, $type, $id, $key, $value) " +
                    "ON CONFLICT (account_id, resource_type, resource_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                    ("$account", account.Value),
                    ("$type", resourceType),
                    ("$id", resourceId),
                    ("$key", tag.Key),
                    ("$value", tag.Value)).ExecuteOnceAsync(cancellationToken);
            }

            var count = Convert.ToInt32(
                await connection.Command(
                    transaction,
                    "SELECT COUNT(*) FROM tags WHERE account_id = $account AND resource_type = $type AND resource_id = $id",
                    ("$account", account.Value),
                    ("$type", resourceType),
                    ("$id", resourceId)).ScalarOnceAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
            if (count > maxTagsPerResource)
            {
                transaction.Rollback();
                return false;
            }
        }

        transaction.Commit();
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(
        AccountId account, string resourceType, IReadOnlyList<string> resourceIds, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var resourceId in resourceIds)
            {
                if (keys is null)
                {
                    await Delete(connection, transaction, account, resourceType, resourceId, null).ExecuteOnceAsync(cancellationToken);
                    continue;
                }

                foreach (var key in keys)
                {
                    await Delete(connection, transaction, account, resourceType, resourceId, key).ExecuteOnceAsync(cancellationToken);
                }
            }

            transaction.Commit();
            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(string ResourceId, Tag Tag)>> ListRowsAsync(
        AccountId account, string resourceType, IReadOnlyList<string>? resourceIds, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var command = connection.Command(
                "SELECT resource_id, tag_key, tag_value FROM tags WHERE account_id = $account AND resource_type = $type",
                ("$account", account.Value),
                ("$type", resourceType));
            if (resourceIds is not null)
            {
                var names = resourceIds.Select((_, i) => "$r" + i).ToList();
                command.CommandText += $" AND resource_id IN ({string.Join(", ", names)})";
                for (var i = 0; i < resourceIds.Count; i++)
                {
                    command.Parameters.AddWithValue(names[i], resourceIds[i]);
                }
            }

            command.CommandText += " ORDER BY resource_id, tag_key LIMIT $limit OFFSET $offset";
            command.Parameters.AddWithValue("$limit", limit);
            command.Parameters.AddWithValue("$offset", offset);
            using (command)
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<(string, Tag)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), new Tag(reader.GetString(1), reader.GetString(2))));
                }

                return (IReadOnlyList<(string ResourceId, Tag Tag)>)rows;
            }
        }, cancellationToken);

    private static SqliteCommand Delete(
        SqliteConnection connection, SqliteTransaction transaction, AccountId account, string resourceType, string resourceId, string? key) =>
        connection.Command(
            transaction,
            "DELETE FROM tags WHERE account_id = $account AND resource_type = $type AND resource_id = $id" + (key is null ? "" : " AND tag_key = $key"),
            ("$account", account.Value),
            ("$type", resourceType),
            ("$id", resourceId),
            ("$key", key));
}
