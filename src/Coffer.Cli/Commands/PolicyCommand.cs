using System.CommandLine;
using System.Text;
using System.Text.Json;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Users;
using Coffer.Protocol.Requests;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer policy attach|detach|show</c>: named RAM policy documents attached to a user. A document is validated by
/// the same parser the server evaluates with before it is stored; a running server applies the change on the next
/// request.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Attach RAM policy documents to users, detach them, show them.");

        var user = UserOption();
        var name = new Option<string>("--name") { Description = "The policy's name (1-64 letters, digits, '.', '_' or '-').", Required = true };
        var document = new Option<string?>("--document") { Description = "The policy document as inline JSON." };
        var file = new Option<string?>("--file") { Description = "A file holding the policy document." };
        var account = AdminSession.AccountOption();
        var attach = new Command("attach", "Attach (or replace) a named policy on a user; prints it as JSON.") { user, name, document, file, account };
        var data = StoreOptions.AddTo(attach);
        attach.SetAction((r, ct) => AdminSession.RunAsync(data, r, (s, c) => AttachAsync(
            s, r.GetValue(account), r.GetValue(user)!, r.GetValue(name)!, r.GetValue(document), r.GetValue(file), c), ct));
        command.Subcommands.Add(attach);

        var detachUser = UserOption();
        var detachName = new Option<string>("--name") { Description = "The policy's name.", Required = true };
        var detachAccount = AdminSession.AccountOption();
        var detach = new Command("detach", "Detach a named policy from a user.") { detachUser, detachName, detachAccount };
        var detachData = StoreOptions.AddTo(detach);
        detach.SetAction((r, ct) => AdminSession.RunAsync(detachData, r, (s, c) => DetachAsync(
            s, r.GetValue(detachAccount), r.GetValue(detachUser)!, r.GetValue(detachName)!, c), ct));
        command.Subcommands.Add(detach);

        var showUser = UserOption();
        var showAccount = AdminSession.AccountOption();
        var show = new Command("show", "Show the policies attached to a user as JSON.") { showUser, showAccount };
        var showData = StoreOptions.AddTo(show);
        show.SetAction((r, ct) => AdminSession.RunAsync(
            showData, r, (s, c) => ShowAsync(s, r.GetValue(showAccount), r.GetValue(showUser)!, c), ct));
        command.Subcommands.Add(show);
        return command;
    }

    private static Option<string> UserOption() => new("--user") { Description = "The user's name.", Required = true };

    private static async Task<int> AttachAsync(
        AdminSession session, string? uid, string userName, string name, string? inline, string? file, CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(name))
        {
            return await AdminSession.FailAsync($"'{name}' is not a valid policy name (1-64 letters, digits, '.', '_' or '-')");
        }

        if ((inline is null) == (file is null))
        {
            return await AdminSession.FailAsync("give the document with exactly one of --document and --file");
        }

        string text;
        try
        {
            text = inline ?? await File.ReadAllTextAsync(file!, cancellationToken);
        }
        catch (IOException e)
        {
            return await AdminSession.FailAsync($"cannot read {file}: {e.Message}");
        }

        if (Encoding.UTF8.GetByteCount(text) > new KmsOptions().MaxPolicyBytes)
        {
            return await AdminSession.FailAsync($"the document is longer than {new KmsOptions().MaxPolicyBytes} bytes");
        }

        if (!PolicyDocument.TryParse(text, PolicyKind.Identity, out _, out var error))
        {
            return await AdminSession.FailAsync($"the document is not a valid RAM policy: {error}");
        }

        if (await FindUserAsync(session, uid, userName, cancellationToken) is not { } user)
        {
            return 1;
        }

        var policy = new AttachedPolicy(user.Account, user.Name, name, text, TimeProvider.System.GetUtcNow());
        await session.Users.AttachPolicyAsync(policy, cancellationToken);
        AdminSession.Print(Describe(policy));
        return 0;
    }

    private static async Task<int> DetachAsync(AdminSession session, string? uid, string userName, string name, CancellationToken cancellationToken)
    {
        if (await FindUserAsync(session, uid, userName, cancellationToken) is not { } user)
        {
            return 1;
        }

        if (!await session.Users.DetachPolicyAsync(user.Account, user.Name, name, cancellationToken))
        {
            return await AdminSession.FailAsync($"user {userName} has no policy {name}");
        }

        AdminSession.Print(new Dictionary<string, object?>
        {
            ["AccountId"] = user.Account.Value,
            ["UserName"] = user.Name,
            ["PolicyName"] = name,
            ["Detached"] = true,
        });
        return 0;
    }

    private static async Task<int> ShowAsync(AdminSession session, string? uid, string userName, CancellationToken cancellationToken)
    {
        if (await FindUserAsync(session, uid, userName, cancellationToken) is not { } user)
        {
            return 1;
        }

        var policies = await session.Users.ListPoliciesAsync(user.Account, user.Name, cancellationToken);
        AdminSession.Print(policies.Select(Describe).ToList());
        return 0;
    }

    private static async Task<User?> FindUserAsync(AdminSession session, string? uid, string userName, CancellationToken cancellationToken)
    {
        if (await session.AccountAsync(uid, cancellationToken) is not { } account)
        {
            return null;
        }

        var user = await session.Users.FindAsync(account.Id, userName, cancellationToken);
        if (user is null)
        {
            await AdminSession.FailAsync($"account {account.Id.Value} has no user {userName}");
        }

        return user;
    }

    private static Dictionary<string, object?> Describe(AttachedPolicy policy)
    {
        using var parsed = JsonDocument.Parse(policy.Document);
        return new Dictionary<string, object?>
        {
            ["AccountId"] = policy.Account.Value,
            ["UserName"] = policy.UserName,
            ["PolicyName"] = policy.PolicyName,
            ["AttachDate"] = WireTimestamp.Format(policy.AttachDate),
            ["Document"] = parsed.RootElement.Clone(),
        };
    }
}
