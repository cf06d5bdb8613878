using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Keys;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Aliases in SQLite; the primary key (account, name) makes names unique per account.</summary>
public sealed class SqliteAliasStore(SqliteDatabase database) : IAliasStore
{
    /// <inheritdoc />
    public Task<bool> TryCreateAsync(KeyAlias keyAlias, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
        await connection.Command(
            "INSERT INTO aliases (account_id, name, key_id, created_at) VALUES ($account, $name, $key, $created) ON CONFLICT DO NOTHING",
            ("$account", keyAlias.Account.Value),
            ("$name", keyAlias.Name.Value),
            ("$key", keyAlias.KeyId.Value),
            ("$created", ToUnixMs(keyAlias.CreationDate))).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<KeyAlias?> FindAsync(AccountId account, AliasName name, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command(
            "SELECT account_id, name, key_id, created_at FROM aliases WHERE account_id = $account AND name = $name",
            ("$account", account.Value),
            ("$name", name.Value));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryRetargetAsync(AccountId account, AliasName name, KeyId keyId, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "UPDATE aliases SET key_id = $key WHERE account_id = $account AND name = $name",
            ("$key", keyId.Value),
            ("$account", account.Value),
            ("$name", name.Value)).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(AccountId account, AliasName name, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "DELETE FROM aliases WHERE account_id = $account AND name = $name",
            ("$account", account.Value),
            ("$name", name.Value)).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<KeyAlias> Items, int TotalCount)> ListAsync(
        AccountId account, KeyId? keyId, int offset, int limit, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var filter = keyId is null ? "" : " AND key_id = $key";
        var parameters = new List<(string, object?)> { ("$account", account.Value), ("$key", keyId?.Value) };
        var total = Convert.ToInt32(
            await connection.Command(transaction, "SELECT COUNT(*) FROM aliases WHERE account_id = $account" + filter, [.. parameters])
                .ScalarOnceAsync(cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        parameters.Add(("$limit", limit));
        parameters.Add(("$offset", offset));
        using var query = connection.Command(
            transaction,
            "SELECT account_id, name, key_id, created_at FROM aliases WHERE account_id = $account" + filter +
            " ORDER BY created_at, name LIMIT $limit OFFSET $offset",
            [.. parameters]);
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var items = new List<KeyAlias>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return ((IReadOnlyList<KeyAlias>)items, total);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        Convert.ToInt32(
            await connection.Command("SELECT COUNT(*) FROM aliases WHERE account_id = $account", ("$account", account.Value))
                .ScalarOnceAsync(cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    private static KeyAlias Read(SqliteDataReader r) => new(
        new AccountId(r.GetString(0)), AliasName.Parse(r.GetString(1)), new KeyId(r.GetString(2)), FromUnixMs(r.GetInt64(3)));
}
