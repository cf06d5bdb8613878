using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Accounts in SQLite.</summary>
public sealed class SqliteAccountStore(SqliteDatabase database) : IAccountStore
{
    private const string Columns =
        "id, status, created_at, revision, quota_keys, quota_aliases, quota_secrets, quota_versions_per_key, quota_tags_per_resource";

    /// <inheritdoc />
    public Task CreateAsync(Account account, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        await InsertAsync(connection, transaction, account, cancellationToken);
        transaction.Commit();
        return 0;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<Account?> FindAsync(AccountId id, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command($"SELECT {Columns} FROM accounts WHERE id = $id", ("$id", id.Value));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command($"SELECT {Columns} FROM accounts ORDER BY created_at, id");
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return (IReadOnlyList<Account>)accounts;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetStatusAsync(AccountId id, AccountStatus status, long expectedRevision, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "UPDATE accounts SET status = $status, revision = revision + 1 WHERE id = $id AND revision = $revision",
            ("$status", AccountStatuses.Name(status)),
            ("$id", id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetQuotasAsync(AccountId id, AccountQuotas quotas, long expectedRevision, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "UPDATE accounts SET quota_keys = $keys, quota_aliases = $aliases, quota_secrets = $secrets, " +
            "quota_versions_per_key = $versions, quota_tags_per_resource = $tags, revision = revision + 1 WHERE id = $id AND revision = $revision",
            ("$keys", quotas.Keys),
            ("$aliases", quotas.Aliases),
            ("$secrets", quotas.Secrets),
            ("$versions", quotas.VersionsPerKey),
            ("$tags", quotas.TagsPerResource),
            ("$id", id.Value),
            ("$revision", expectedRevision)).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    internal static Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, Account account, CancellationToken cancellationToken) =>
        connection.Command(
            transaction,
            $"INSERT INTO accounts ({Columns}) VALUES ($id, $status, $created, $revision, $keys, $aliases, $secrets, $versions, $tags)",
            ("$id", account.Id.Value),
            ("$status", AccountStatuses.Name(account.Status)),
            ("$created", ToUnixMs(account.CreationDate)),
            ("$revision", account.Revision),
            ("$keys", account.Quotas.Keys),
            ("$aliases", account.Quotas.Aliases),
            ("$secrets", account.Quotas.Secrets),
            ("$versions", account.Quotas.VersionsPerKey),
            ("$tags", account.Quotas.TagsPerResource)).ExecuteOnceAsync(cancellationToken);

    private static Account Read(SqliteDataReader reader) => new(
        new AccountId(reader.GetString(0)), AccountStatuses.Parse(reader.GetString(1)), FromUnixMs(reader.GetInt64(2)), reader.GetInt64(3))
    {
        Quotas = new AccountQuotas(Quota(reader, 4), Quota(reader, 5), Quota(reader, 6), Quota(reader, 7), Quota(reader, 8)),
    };

    private static int? Quota(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
