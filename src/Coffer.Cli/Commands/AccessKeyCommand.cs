using System.CommandLine;
using Coffer.Core.Access;
using Coffer.Protocol.Requests;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer access-key create|list|disable|enable</c>: works directly on the store (the data folder's SQLite database
/// or the PostgreSQL one named by --postgres), also while servers run on it (they read AccessKeys from the store).
/// </summary>
internal static class AccessKeyCommand
{
    private const int MaxAttempts = 5;

    public static Command Create()
    {
        var command = new Command("access-key", "Manage AccessKey pairs of the data folder's accounts.");
        var create = new Command(
            "create", "Create an AccessKey pair for an account's administrator or one of its users and print it as JSON (the secret is shown only here).");
        var createUser = new Option<string?>("--user") { Description = "The user the AccessKey belongs to. Default: the account's administrator." };
        var createAccount = AdminSession.AccountOption();
        create.Options.Add(createUser);
        create.Options.Add(createAccount);
        var createStore = StoreOptions.AddTo(create);
        create.SetAction((r, ct) => AdminSession.RunAsync(
            createStore, r, (s, c) => CreateAsync(s, r.GetValue(createAccount), r.GetValue(createUser), c), ct));

        var list = new Command("list", "List AccessKeys (IDs and states, never secrets).");
        var listStore = StoreOptions.AddTo(list);
        list.SetAction((r, ct) => AdminSession.RunAsync(listStore, r, ListAsync, ct));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(SetEnabled("disable", "Disable an AccessKey: requests signed with it get Forbidden.AccessKey.", false));
        command.Subcommands.Add(SetEnabled("enable", "Enable a disabled AccessKey again.", true));
        return command;
    }

    private static Command SetEnabled(string name, string description, bool enabled)
    {
        var id = new Argument<string>("access-key-id") { Description = "The AccessKeyId." };
        var command = new Command(name, description) { id };
        var options = StoreOptions.AddTo(command);
        command.SetAction((r, ct) => AdminSession.RunAsync(options, r, (s, c) => SetEnabledAsync(s, r.GetValue(id)!, enabled, c), ct));
        return command;
    }

    private static async Task<int> CreateAsync(AdminSession session, string? uid, string? userName, CancellationToken cancellationToken)
    {
        if (await session.AccountAsync(uid, cancellationToken) is not { } account)
        {
            return 1;
        }

        if (userName is not null && await session.Users.FindAsync(account.Id, userName, cancellationToken) is null)
        {
            return await AdminSession.FailAsync($"account {account.Id.Value} has no user {userName}: create it with 'coffer user create'");
        }

        var (accessKey, secret) = AccessKeyFactory.Create(
            session.RootKey, account.Id, TimeProvider.System.GetUtcNow(), userName: userName);
        await session.AccessKeys.CreateAsync(accessKey, cancellationToken);
        AdminSession.Print(new Dictionary<string, string?>
        {
            ["AccessKeyId"] = accessKey.Id,
            ["AccessKeySecret"] = secret,
            ["AccountId"] = account.Id.Value,
            ["Principal"] = accessKey.Principal.Arn,
        });
        return 0;
    }

    private static async Task<int> ListAsync(AdminSession session, CancellationToken cancellationToken)
    {
        foreach (var key in await session.AccessKeys.ListAsync(cancellationToken))
        {
            Console.WriteLine(
                $"{key.Id}\t{key.Account.Value}\t{key.UserName ?? "(administrator)"}\t{(key.Enabled ? "Enabled" : "Disabled")}\t{WireTimestamp.Format(key.CreationDate)}");
        }

        return 0;
    }

    private static async Task<int> SetEnabledAsync(AdminSession session, string id, bool enabled, CancellationToken cancellationToken)
    {
        var keys = session.AccessKeys;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var key = await keys.FindAsync(id, cancellationToken);
            if (key is null)
            {
                return await AdminSession.FailAsync($"no AccessKey {id}");
            }

            if (key.Enabled == enabled || await keys.TrySetEnabledAsync(id, enabled, key.Revision, cancellationToken))
            {
                Console.WriteLine($"{id} {(enabled ? "enabled" : "disabled")}");
                return 0;
            }
        }

        return await AdminSession.FailAsync($"{id} kept changing; try again");
    }
}
