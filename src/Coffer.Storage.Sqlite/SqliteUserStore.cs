using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Coffer.Core.Users;
using Microsoft.Data.Sqlite;
using static Coffer.Storage.Sqlite.SqliteCommands;

namespace Coffer.Storage.Sqlite;

/// <summary>Users and their attached policies in SQLite.</summary>
public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    /// <inheritdoc />
    public Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
        await connection.Command(
            "INSERT INTO users (account_id, name, created_at) VALUES ($account, $name, $created) ON CONFLICT DO NOTHING",
            ("$account", user.Account.Value),
            ("$name", user.Name),
            ("$created", ToUnixMs(user.CreationDate))).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<User?> FindAsync(AccountId account, string name, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command(
            "SELECT account_id, name, created_at FROM users WHERE account_id = $account AND name = $name",
            ("$account", account.Value),
            ("$name", name));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadUser(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<User>> ListAsync(AccountId account, CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var query = connection.Command(
            "SELECT account_id, name, created_at FROM users WHERE account_id = $account ORDER BY created_at, name",
            ("$account", account.Value));
        using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var users = new List<User>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(ReadUser(reader));
        }

        return (IReadOnlyList<User>)users;
    }, cancellationToken);

    /// <inheritdoc />
    public Task AttachPolicyAsync(AttachedPolicy policy, CancellationToken cancellationToken) => database.WriteAsync(async connection =>
        await connection.Command(
            "INSERT INTO user_policies (account_id, user_name, policy_name, document, attached_at) " +
            "VALUES ($account, $user, $name, $document, $attached) " +
            "ON CONFLICT (account_id, user_name, policy_name) DO UPDATE SET document = excluded.document, attached_at = excluded.attached_at",
            ("$account", policy.Account.Value),
            ("$user", policy.UserName),
            ("$name", policy.PolicyName),
            ("$document", policy.Document),
            ("$attached", ToUnixMs(policy.AttachDate))).ExecuteOnceAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DetachPolicyAsync(AccountId account, string userName, string policyName, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection => await connection.Command(
            "DELETE FROM user_policies WHERE account_id = $account AND user_name = $user AND policy_name = $name",
            ("$account", account.Value),
            ("$user", userName),
            ("$name", policyName)).ExecuteOnceAsync(cancellationToken) == 1, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AttachedPolicy>> ListPoliciesAsync(AccountId account, string userName, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            using var query = connection.Command(
                "SELECT account_id, user_name, policy_name, document, attached_at FROM user_policies " +
                "WHERE account_id = $account AND user_name = $user ORDER BY policy_name",
                ("$account", account.Value),
                ("$user", userName));
            using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var policies = new List<AttachedPolicy>();
            while (await reader.ReadAsync(cancellationToken))
            {
                policies.Add(new AttachedPolicy(
                    new AccountId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromUnixMs(reader.GetInt64(4))));
            }

            return (IReadOnlyList<AttachedPolicy>)policies;
        }, cancellationToken);

    private static User ReadUser(SqliteDataReader reader) => new(new AccountId(reader.GetString(0)), reader.GetString(1), FromUnixMs(reader.GetInt64(2)));
}
