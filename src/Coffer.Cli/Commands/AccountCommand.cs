using System.CommandLine;
using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Crypto;
using Coffer.Protocol.Requests;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer account create|list|set-state|set-quota</c>: accounts of the data folder. A created account starts
/// NotOpened (Forbidden.KmsServiceNotEnabled until it calls OpenKmsService) and comes with its administrator's AccessKey.
/// </summary>
internal static class AccountCommand
{
    private const int MaxAttempts = 5;

    public static Command Create()
    {
        var command = new Command("account", "Manage accounts: each has its own keys, aliases, secrets, users, quotas and ARNs.");

        var quotas = QuotaOptions.Create();
        var create = new Command("create", "Create an account (closed until OpenKmsService) and its administrator's AccessKey; prints JSON.");
        var data = StoreOptions.AddTo(create);
        quotas.AddTo(create);
        create.SetAction((r, ct) => AdminSession.RunAsync(data, r, (s, c) => CreateAsync(s, quotas.Read(r), c), ct));
        command.Subcommands.Add(create);

        var list = new Command("list", "List accounts with their states and quotas as JSON.");
        var listData = StoreOptions.AddTo(list);
        list.SetAction((r, ct) => AdminSession.RunAsync(listData, r, ListAsync, ct));
        command.Subcommands.Add(list);

        var stateUid = new Argument<string>("account-id") { Description = "The account's UID." };
        var state = new Argument<string>("state")
        {
            Description = "Opened, NotOpened, InDebt, InDebtOverdue, ProhibitedByRiskControl, UbsmsInvalidUserid or UbsmsInvalidBid.",
        };
        var setState = new Command("set-state", "Set an account's state; every call but DescribeAccountKmsStatus then answers its Forbidden.* row.")
        {
            stateUid, state,
        };
        var stateData = StoreOptions.AddTo(setState);
        setState.SetAction((r, ct) => AdminSession.RunAsync(
            stateData, r, (s, c) => SetStateAsync(s, r.GetValue(stateUid)!, r.GetValue(state)!, c), ct));
        command.Subcommands.Add(setState);

        var quotaUid = new Argument<string>("account-id") { Description = "The account's UID." };
        var newQuotas = QuotaOptions.Create();
        var setQuota = new Command("set-quota", "Override the server's quotas for one account ('default' removes an override).") { quotaUid };
        var quotaData = StoreOptions.AddTo(setQuota);
        newQuotas.AddTo(setQuota);
        setQuota.SetAction((r, ct) => AdminSession.RunAsync(
            quotaData, r, (s, c) => SetQuotaAsync(s, r.GetValue(quotaUid)!, newQuotas, r, c), ct));
        command.Subcommands.Add(setQuota);
        return command;
    }

    private static async Task<int> CreateAsync(AdminSession session, QuotaValues quotas, CancellationToken cancellationToken)
    {
        if (quotas.Error is { } error)
        {
            return await AdminSession.FailAsync(error);
        }

        var now = TimeProvider.System.GetUtcNow();
        var account = new Account(new AccountId(NewUid()), AccountStatus.NotOpened, now, Revision: 1)
        {
            Quotas = quotas.ApplyTo(AccountQuotas.None),
        };
        await session.Accounts.CreateAsync(account, cancellationToken);
        var (accessKey, secret) = AccessKeyFactory.Create(session.RootKey, account.Id, now);
        await session.AccessKeys.CreateAsync(accessKey, cancellationToken);
        var output = Describe(account);
        output["AccessKeyId"] = accessKey.Id;
        output["AccessKeySecret"] = secret;
        AdminSession.Print(output);
        return 0;
    }

    private static async Task<int> ListAsync(AdminSession session, CancellationToken cancellationToken)
    {
        AdminSession.Print((await session.Accounts.ListAsync(cancellationToken)).Select(Describe).ToList());
        return 0;
    }

    private static async Task<int> SetStateAsync(AdminSession session, string uid, string stateName, CancellationToken cancellationToken)
    {
        if (!AccountStatuses.TryParse(stateName, out var status))
        {
            return await AdminSession.FailAsync($"unknown state '{stateName}'");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await session.AccountAsync(uid, cancellationToken) is not { } account)
            {
                return 1;
            }

            if (account.Status == status || await session.Accounts.TrySetStatusAsync(account.Id, status, account.Revision, cancellationToken))
            {
                AdminSession.Print(Describe(account with { Status = status }));
                return 0;
            }
        }

        return await AdminSession.FailAsync($"account {uid} kept changing; try again");
    }

    private static async Task<int> SetQuotaAsync(
        AdminSession session, string uid, QuotaOptions options, ParseResult result, CancellationToken cancellationToken)
    {
        var values = options.Read(result);
        if (values.Error is { } error)
        {
            return await AdminSession.FailAsync(error);
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await session.AccountAsync(uid, cancellationToken) is not { } account)
            {
                return 1;
            }

            var quotas = values.ApplyTo(account.Quotas);
            if (await session.Accounts.TrySetQuotasAsync(account.Id, quotas, account.Revision, cancellationToken))
            {
                AdminSession.Print(Describe(account with { Quotas = quotas }));
                return 0;
            }
        }

        return await AdminSession.FailAsync($"account {uid} kept changing; try again");
    }

    private static Dictionary<string, object?> Describe(Account account) => new()
    {
        ["AccountId"] = account.Id.Value,
        ["Status"] = AccountStatuses.Name(account.Status),
        ["CreationDate"] = WireTimestamp.Format(account.CreationDate),
        ["Quotas"] = new Dictionary<string, int?>
        {
            ["Keys"] = account.Quotas.Keys,
            ["Aliases"] = account.Quotas.Aliases,
            ["Secrets"] = account.Quotas.Secrets,
            ["VersionsPerKey"] = account.Quotas.VersionsPerKey,
            ["TagsPerResource"] = account.Quotas.TagsPerResource,
        },
    };

    private static string NewUid() => CryptoRandom.Text(1, "123456789") + CryptoRandom.Text(15, "0123456789");
}
