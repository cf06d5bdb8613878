using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>AccessKeys in SQLite; the secret column only ever holds the wrapped secret.</summary>
public sealed class SqliteAccessKeyStore(SqliteDatabase database) : IAccessKeyStore
{
    private const string Columns = "id, account_id, wrapped_secret, enabled, created_at, revision, user_name";

    /// <inheritdoc />
    public Task CreateAsync(AccessKey accessKey, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        await InsertAsync(connection, transaction, accessKey, cancellationToken);
        transaction.Commit();
        return 0;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> FindAsync(string id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command($"SELECT {Columns} FROM access_keys WHERE id = $id", ("$id", id));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AccessKey>> ListAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command($"SELECT {Columns} FROM access_keys ORDER BY created_at, id");
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var keys = new List<AccessKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return (IReadOnlyList<AccessKey>)keys;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        Convert.ToInt32(
            await connection.Command("SELECT COUNT(*) FROM access_keys WHERE account_id = $account", ("$account", account.Value))
                .ScalarOnceAsync(cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetEnabledAsync(string id, bool enabled, long expectedRevision, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "UPDATE access_keys SET enabled = $enabled, revision = revision + 1 WHERE id = $id AND revision = $revision",
            ("$enabled", enabled ? 1 : 0),
            ("$id", id),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    internal static Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, AccessKey key, CancellationToken cancellationToken) =>
        connection.Command(
            transaction,
            $"INSERT INTO access_keys ({Columns}) VALUES ($id, $account, $secret, $enabled, $created, $revision, $user)",
            ("$id", key.Id),
            ("$account", key.Account.Value),
            ("$secret", key.WrappedSecret),
            ("$enabled", key.Enabled ? 1 : 0),
            ("$created", ToUnixMs(key.CreationDate)),
            ("$revision", key.Revision),
            ("$user", key.UserName)).ExecuteOnceAsync(cancellationToken);

    private static AccessKey Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        new AccountId(reader.GetString(1)),
        (byte[])reader.GetValue(2),
        reader.GetInt64(3) != 0,
        FromUnixMs(reader.GetInt64(4)),
        reader.GetInt64(5))
    {
        UserName = reader.IsDBNull(6) ? null : reader.GetString(6),
    };
}
