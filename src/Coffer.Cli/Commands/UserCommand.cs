using System.CommandLine;
using Coffer.Core.Users;
using Coffer.Protocol.Requests;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer user create|list</c>: users inside an account. A user's AccessKeys (<c>coffer access-key create --user</c>)
/// may do only what the policies attached to it allow (<c>coffer policy attach</c>).
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var command = new Command("user", "Manage the users of an account.");

        var name = new Argument<string>("name") { Description = "The user's name (1-64 letters, digits, '.', '_' or '-')." };
        var account = AdminSession.AccountOption();
        var create = new Command("create", "Create a user; prints it as JSON.") { name, account };
        var data = StoreOptions.AddTo(create);
        create.SetAction((r, ct) => AdminSession.RunAsync(
            data, r, (s, c) => CreateAsync(s, r.GetValue(account), r.GetValue(name)!, c), ct));
        command.Subcommands.Add(create);

        var listAccount = AdminSession.AccountOption();
        var list = new Command("list", "List the users of an account as JSON.") { listAccount };
        var listData = StoreOptions.AddTo(list);
        list.SetAction((r, ct) => AdminSession.RunAsync(listData, r, (s, c) => ListAsync(s, r.GetValue(listAccount), c), ct));
        command.Subcommands.Add(list);
        return command;
    }

    internal static Dictionary<string, object?> Describe(User user) => new()
    {
        ["AccountId"] = user.Account.Value,
        ["UserName"] = user.Name,
        ["Arn"] = $"acs:ram::{user.Account.Value}:user/{user.Name}",
        ["CreationDate"] = WireTimestamp.Format(user.CreationDate),
    };

    private static async Task<int> CreateAsync(AdminSession session, string? uid, string name, CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(name))
        {
            return await AdminSession.FailAsync($"'{name}' is not a valid user name (1-64 letters, digits, '.', '_' or '-')");
        }

        if (await session.AccountAsync(uid, cancellationToken) is not { } account)
        {
            return 1;
        }

        var user = new User(account.Id, name, TimeProvider.System.GetUtcNow());
        if (!await session.Users.TryCreateAsync(user, cancellationToken))
        {
            return await AdminSession.FailAsync($"account {account.Id.Value} already has a user {name}");
        }

        AdminSession.Print(Describe(user));
        return 0;
    }

    private static async Task<int> ListAsync(AdminSession session, string? uid, CancellationToken cancellationToken)
    {
        if (await session.AccountAsync(uid, cancellationToken) is not { } account)
        {
            return 1;
        }

        AdminSession.Print((await session.Users.ListAsync(account.Id, cancellationToken)).Select(Describe).ToList());
        return 0;
    }
}
