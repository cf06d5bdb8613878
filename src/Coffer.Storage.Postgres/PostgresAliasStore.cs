using System.Data;
using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>Aliases in PostgreSQL; the primary key (account, name) makes names unique per account on every node.</summary>
public sealed class PostgresAliasStore(PostgresDatabase database) : IAliasStore
{
    private const string Columns = "account_id, name, key_id, created_at";

    /// <inheritdoc />
    public Task<bool> TryCreateAsync(KeyAlias keyAlias, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await connection.Command(
            $"INSERT INTO aliases ({Columns}) VALUES (@account, @name, @key, @created) ON CONFLICT DO NOTHING",
            ("account", keyAlias.Account.Value),
            ("name", keyAlias.Name.Value),
            ("key", keyAlias.KeyId.Value),
            ("created", ToStored(keyAlias.CreationDate))).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<KeyAlias?> FindAsync(AccountId account, AliasName name, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command(
            $"SELECT {Columns} FROM aliases WHERE account_id = @account AND name = @name",
            ("account", account.Value),
            ("name", name.Value)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryRetargetAsync(AccountId account, AliasName name, KeyId keyId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "UPDATE aliases SET key_id = @key WHERE account_id = @account AND name = @name",
            ("key", keyId.Value),
            ("account", account.Value),
            ("name", name.Value)).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(AccountId account, AliasName name, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "DELETE FROM aliases WHERE account_id = @account AND name = @name",
            ("account", account.Value),
            ("name", name.Value)).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<KeyAlias> Items, int TotalCount)> ListAsync(
        AccountId account, KeyId? keyId, int offset, int limit, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(async (connection, transaction) =>
        {
            var filter = keyId is null ? "" : " AND key_id = @key";
            var parameters = new List<(string, object?)> { ("account", account.Value) };
            if (keyId is { } key)
            {
                parameters.Add(("key", key.Value));
            }

            var total = ToInt32(await connection.Command(transaction, "SELECT COUNT(*) FROM aliases WHERE account_id = @account" + filter, [.. parameters])
                .ExecuteScalarAsync(cancellationToken));
            parameters.Add(("limit", limit));
            parameters.Add(("offset", offset));
            await using var reader = await connection.Command(
                transaction,
                $"SELECT {Columns} FROM aliases WHERE account_id = @account" + filter + " ORDER BY created_at, name LIMIT @limit OFFSET @offset",
                [.. parameters]).ExecuteReaderAsync(cancellationToken);
            var items = new List<KeyAlias>();
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }

            return ((IReadOnlyList<KeyAlias>)items, total);
        }, cancellationToken, IsolationLevel.RepeatableRead);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        ToInt32(await connection.Command("SELECT COUNT(*) FROM aliases WHERE account_id = @account", ("account", account.Value))
            .ExecuteScalarAsync(cancellationToken)), cancellationToken);

    private static KeyAlias Read(NpgsqlDataReader r) => new(
        new AccountId(r.GetString(0)), AliasName.Parse(r.GetString(1)), new KeyId(r.GetString(2)), r.ReadTime(3));
}
