using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>AccessKeys in PostgreSQL; the secret column only ever holds the wrapped secret.</summary>
public sealed class PostgresAccessKeyStore(PostgresDatabase database) : IAccessKeyStore
{
    private const string Columns = "id, account_id, wrapped_secret, enabled, created_at, revision, user_name";

    /// <inheritdoc />
    public Task CreateAsync(AccessKey accessKey, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await InsertAsync(connection, null, accessKey, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> FindAsync(string id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command($"SELECT {Columns} FROM access_keys WHERE id = @id", ("id", id))
            .ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AccessKey>> ListAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command($"SELECT {Columns} FROM access_keys ORDER BY created_at, id")
            .ExecuteReaderAsync(cancellationToken);
        var keys = new List<AccessKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return (IReadOnlyList<AccessKey>)keys;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        ToInt32(await connection.Command("SELECT COUNT(*) FROM access_keys WHERE account_id = @account", ("account", account.Value))
            .ExecuteScalarAsync(cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetEnabledAsync(string id, bool enabled, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "UPDATE access_keys SET enabled = @enabled, revision = revision + 1 WHERE id = @id AND revision = @revision",
            ("enabled", enabled),
            ("id", id),
            ("revision", expectedRevision)).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    internal static Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AccessKey key, CancellationToken cancellationToken)
    {
        var command = connection.Command(
            $"INSERT INTO access_keys ({Columns}) VALUES (@id, @account, @secret, @enabled, @created, @revision, @user)",
            ("id", key.Id),
            ("account", key.Account.Value),
            ("secret", key.WrappedSecret),
            ("enabled", key.Enabled),
            ("created", ToStored(key.CreationDate)),
            ("revision", key.Revision),
            ("user", key.UserName));
        command.Transaction = transaction;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AccessKey Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new AccountId(reader.GetString(1)),
        reader.GetFieldValue<byte[]>(2),
        reader.GetBoolean(3),
        reader.ReadTime(4),
        reader.GetInt64(5))
    {
        UserName = reader.IsDBNull(6) ? null : reader.GetString(6),
    };
}
