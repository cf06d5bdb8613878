using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Npgsql;
using static Coffer.Storage.Postgres.PostgresCommands;

namespace Coffer.Storage.Postgres;

/// <summary>Accounts in PostgreSQL.</summary>
public sealed class PostgresAccountStore(PostgresDatabase database) : IAccountStore
{
    private const string Columns =
        "id, status, created_at, revision, quota_keys, quota_aliases, quota_secrets, quota_versions_per_key, quota_tags_per_resource";

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

    /// <inheritdoc />
    public Task<bool> TrySetQuotasAsync(AccountId id, AccountQuotas quotas, long expectedRevision, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.Command(
            "UPDATE accounts SET quota_keys = @keys, quota_aliases = @aliases, quota_secrets = @secrets, " +
            "quota_versions_per_key = @versions, quota_tags_per_resource = @tags, revision = revision + 1 WHERE id = @id AND revision = @revision",
            ("keys", quotas.Keys),
            ("aliases", quotas.Aliases),
            ("secrets", quotas.Secrets),
            ("versions", quotas.VersionsPerKey),
            ("tags", quotas.TagsPerResource),
            ("id", id.Value),
            ("revision", expectedRevision)).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    internal static Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Account account, CancellationToken cancellationToken)
    {
        var command = connection.Command(
            $"INSERT INTO accounts ({Columns}) VALUES (@id, @status, @created, @revision, @keys, @aliases, @secrets, @versions, @tags)",
            ("id", account.Id.Value),
            ("status", AccountStatuses.Name(account.Status)),
            ("created", ToStored(account.CreationDate)),
            ("revision", account.Revision),
            ("keys", account.Quotas.Keys),
            ("aliases", account.Quotas.Aliases),
            ("secrets", account.Quotas.Secrets),
            ("versions", account.Quotas.VersionsPerKey),
            ("tags", account.Quotas.TagsPerResource));
        command.Transaction = transaction;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Account Read(NpgsqlDataReader reader) => new(
        new AccountId(reader.GetString(0)), AccountStatuses.Parse(reader.GetString(1)), reader.ReadTime(2), reader.GetInt64(3))
    {
        Quotas = new AccountQuotas(Quota(reader, 4), Quota(reader, 5), Quota(reader, 6), Quota(reader, 7), Quota(reader, 8)),
    };

    private static int? Quota(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
