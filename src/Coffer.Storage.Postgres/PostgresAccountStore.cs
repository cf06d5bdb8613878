using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>Accounts in PostgreSQL.</summary>
public sealed class PostgresAccountStore(PostgresDatabase database) : IAccountStore
{
    private const string Columns = "id, status, created_at, revision";

    /// <inheritdoc />
    public Task CreateAsync(Account account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await InsertAsync(connection, null, account, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<Account?> FindAsync(AccountId id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command($"SELECT {Columns} FROM accounts WHERE id = @id", ("id", id.Value))
            .ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        await using var reader = await connection.Command($"SELECT {Columns} FROM accounts ORDER BY created_at, id")
            .ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return (IReadOnlyList<Account>)accounts;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetStatusAsync(AccountId id, AccountStatus status, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "UPDATE accounts SET status = @status, revision = revision + 1 WHERE id = @id AND revision = @revision",
            ("status", AccountStatuses.Name(status)),
            ("id", id.Value),
            ("revision", expectedRevision)).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    internal static Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Account account, CancellationToken cancellationToken)
    {
        var command = connection.Command(
            $"INSERT INTO accounts ({Columns}) VALUES (@id, @status, @created, @revision)",
            ("id", account.Id.Value),
            ("status", AccountStatuses.Name(account.Status)),
            ("created", ToStored(account.CreationDate)),
            ("revision", account.Revision));
        command.Transaction = transaction;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Account Read(NpgsqlDataReader reader) => new(
        new AccountId(reader.GetString(0)), AccountStatuses.Parse(reader.GetString(1)), reader.ReadTime(2), reader.GetInt64(3));
}
