using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Storage;
using Coffer.Core.Users;
using Coffer.Crypto.Wrapping;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests;

/// <summary>
/// Sets up accounts, users, attached policies and AccessKeys in a running test server's store, the way the
/// <c>coffer account|user|policy|access-key</c> commands do (the CLI tests run those in child processes).
/// </summary>
internal sealed class IdentitySetup(CofferApplicationFactory server)
{
    private IAccountStore Accounts => server.Services.GetRequiredService<IAccountStore>();

    private IUserStore Users => server.Services.GetRequiredService<IUserStore>();

    /// <summary>The test server's first (default) account.</summary>
    public AccountId DefaultAccount => new(server.AccountId);

    /// <summary>A new account in <paramref name="status"/>, with optional quota overrides.</summary>
    public async Task<AccountId> CreateAccountAsync(AccountStatus status = AccountStatus.Opened, AccountQuotas? quotas = null)
    {
        var id = new AccountId("9" + string.Concat(Guid.NewGuid().ToByteArray().Take(15).Select(b => (char)('0' + (b % 10)))));
        await Accounts.CreateAsync(
            new Account(id, status, DateTimeOffset.UnixEpoch, Revision: 1) { Quotas = quotas ?? AccountQuotas.None }, TestContext.Current.CancellationToken);
        return id;
    }

    /// <summary>Sets an account's state (as <c>coffer account set-state</c>).</summary>
    public async Task SetStateAsync(AccountId account, AccountStatus status)
    {
        var current = await Accounts.FindAsync(account, TestContext.Current.CancellationToken);
        Assert.True(await Accounts.TrySetStatusAsync(account, status, current!.Revision, TestContext.Current.CancellationToken));
    }

    /// <summary>A user of <paramref name="account"/> with the given policies attached (named p0, p1, ...).</summary>
    public async Task CreateUserAsync(AccountId account, string name, params string[] policies)
    {
        Assert.True(await Users.TryCreateAsync(new User(account, name, DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken));
        for (var i = 0; i < policies.Length; i++)
        {
            await AttachAsync(account, name, $"p{i}", policies[i]);
        }
    }

    /// <summary>Attaches (or replaces) a named policy.</summary>
    public Task AttachAsync(AccountId account, string user, string policyName, string document) =>
        Users.AttachPolicyAsync(new AttachedPolicy(account, user, policyName, document, DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);

    /// <summary>Detaches a named policy.</summary>
    public Task DetachAsync(AccountId account, string user, string policyName) =>
        Users.DetachPolicyAsync(account, user, policyName, TestContext.Current.CancellationToken);

    /// <summary>A new AccessKey of the user (or the administrator when <paramref name="user"/> is null) and a client signing with it.</summary>
    public async Task<(string AccessKeyId, SigningClient Client)> AccessKeyAsync(AccountId account, string? user = null)
    {
        var root = server.Services.GetRequiredService<RootKey>();
        var (accessKey, secret) = AccessKeyFactory.Create(root, account, DateTimeOffset.UnixEpoch, userName: user);
        await server.Services.GetRequiredService<IAccessKeyStore>().CreateAsync(accessKey, TestContext.Current.CancellationToken);
        return (accessKey.Id, server.ClientFor(accessKey.Id, secret));
    }

    /// <summary>An identity policy of one statement.</summary>
    public static string Policy(string effect, string action, string resource) =>
        $$"""{"Version":"1","Statement":[{"Effect":"{{effect}}","Action":["{{action}}"],"Resource":["{{resource}}"]}]}""";
}
