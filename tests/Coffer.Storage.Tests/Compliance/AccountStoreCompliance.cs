using Coffer.Core.Accounts;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IAccountStore"/> contract, run against every provider.</summary>
public abstract class AccountStoreCompliance : StoreCompliance
{
    public static TheoryData<AccountStatus> Statuses => [.. Enum.GetValues<AccountStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task FindAsync_CreatedAccount_ReturnsEveryField(AccountStatus status)
    {
        var account = Account(1, status) with { Revision = 3 };
        await Store.Accounts.CreateAsync(account, Ct);

        var found = await Store.Accounts.FindAsync(account.Id, Ct);

        Assert.Equal(account, found);
    }

    [Fact]
    public async Task FindAsync_AccountWithQuotas_ReturnsThem()
    {
        var account = Account(1) with { Quotas = new AccountQuotas(Keys: 5, Aliases: 0, Secrets: null, VersionsPerKey: 7, TagsPerResource: 2) };
        await Store.Accounts.CreateAsync(account, Ct);
        await Store.Accounts.CreateAsync(Account(2), Ct);

        var found = await Store.Accounts.FindAsync(account.Id, Ct);
        var plain = await Store.Accounts.FindAsync(AccountId(2), Ct);

        Assert.Equal(account.Quotas, found!.Quotas);
        Assert.Equal(AccountQuotas.None, plain!.Quotas);
    }

    [Fact]
    public async Task TrySetQuotasAsync_CurrentRevision_ReplacesAllFiveAndIncrementsRevision()
    {
        var account = Account(1) with { Quotas = new AccountQuotas(Keys: 5, Aliases: 6) };
        await Store.Accounts.CreateAsync(account, Ct);
        var quotas = new AccountQuotas(Keys: null, Aliases: 1, Secrets: 2, VersionsPerKey: 3, TagsPerResource: 4);

        var swapped = await Store.Accounts.TrySetQuotasAsync(account.Id, quotas, account.Revision, Ct);
        var stale = await Store.Accounts.TrySetQuotasAsync(account.Id, AccountQuotas.None, account.Revision, Ct);

        Assert.True(swapped);
        Assert.False(stale);
        var found = await Store.Accounts.FindAsync(account.Id, Ct);
        Assert.Equal(quotas, found!.Quotas);
        Assert.Equal(account.Revision + 1, found.Revision);
        Assert.Equal(account.Status, found.Status);
    }

    [Fact]
    public async Task FindAsync_UnknownAccount_ReturnsNull()
    {
        await Store.Accounts.CreateAsync(Account(1), Ct);

        var found = await Store.Accounts.FindAsync(AccountId(2), Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task ListAsync_Accounts_OldestFirstThenById()
    {
        await Store.Accounts.CreateAsync(Account(3, created: T0), Ct);
        await Store.Accounts.CreateAsync(Account(1, created: T0.AddSeconds(1)), Ct);
        await Store.Accounts.CreateAsync(Account(2, created: T0), Ct);

        var accounts = await Store.Accounts.ListAsync(Ct);

        Assert.Equal([AccountId(2), AccountId(3), AccountId(1)], accounts.Select(a => a.Id));
    }

    [Fact]
    public async Task ListAsync_EmptyStore_ReturnsNothing()
    {
        Assert.Empty(await Store.Accounts.ListAsync(Ct));
    }

    [Fact]
    public async Task TrySetStatusAsync_CurrentRevision_SetsStatusAndIncrementsRevision()
    {
        var account = Account(1, AccountStatus.NotOpened);
        await Store.Accounts.CreateAsync(account, Ct);

        var swapped = await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.Opened, account.Revision, Ct);

        Assert.True(swapped);
        var found = await Store.Accounts.FindAsync(account.Id, Ct);
        Assert.Equal(account with { Status = AccountStatus.Opened, Revision = account.Revision + 1 }, found);
    }

    [Fact]
    public async Task TrySetStatusAsync_StaleRevision_FailsAndChangesNothing()
    {
        var account = Account(1, AccountStatus.NotOpened);
        await Store.Accounts.CreateAsync(account, Ct);
        Assert.True(await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.InDebt, account.Revision, Ct));

        var swapped = await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.Opened, account.Revision, Ct);

        Assert.False(swapped);
        var found = await Store.Accounts.FindAsync(account.Id, Ct);
        Assert.Equal(account with { Status = AccountStatus.InDebt, Revision = account.Revision + 1 }, found);
    }

    [Fact]
    public async Task TrySetStatusAsync_FutureRevision_Fails()
    {
        var account = Account(1, AccountStatus.NotOpened);
        await Store.Accounts.CreateAsync(account, Ct);

        var swapped = await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.Opened, account.Revision + 1, Ct);

        Assert.False(swapped);
        Assert.Equal(account, await Store.Accounts.FindAsync(account.Id, Ct));
    }

    [Fact]
    public async Task TrySetStatusAsync_SuccessiveSwaps_EachNeedsTheLatestRevision()
    {
        var account = Account(1, AccountStatus.Opened);
        await Store.Accounts.CreateAsync(account, Ct);

        Assert.True(await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.InDebt, 1, Ct));
        Assert.True(await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.InDebtOverdue, 2, Ct));
        Assert.False(await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.Opened, 2, Ct));
        Assert.True(await Store.Accounts.TrySetStatusAsync(account.Id, AccountStatus.Opened, 3, Ct));

        var found = await Store.Accounts.FindAsync(account.Id, Ct);
        Assert.Equal(account with { Status = AccountStatus.Opened, Revision = 4 }, found);
    }

    [Fact]
    public async Task TrySetStatusAsync_UnknownAccount_ReturnsFalse()
    {
        var swapped = await Store.Accounts.TrySetStatusAsync(AccountId(1), AccountStatus.Opened, 1, Ct);

        Assert.False(swapped);
        Assert.Null(await Store.Accounts.FindAsync(AccountId(1), Ct));
    }

    [Fact]
    public async Task TrySetStatusAsync_OtherAccounts_Untouched()
    {
        await Store.Accounts.CreateAsync(Account(1, AccountStatus.NotOpened), Ct);
        await Store.Accounts.CreateAsync(Account(2, AccountStatus.NotOpened), Ct);

        Assert.True(await Store.Accounts.TrySetStatusAsync(AccountId(1), AccountStatus.Opened, 1, Ct));

        Assert.Equal(Account(2, AccountStatus.NotOpened), await Store.Accounts.FindAsync(AccountId(2), Ct));
    }
}
