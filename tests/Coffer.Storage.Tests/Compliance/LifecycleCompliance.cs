using Coffer.Core.Accounts;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IStoreLifecycle"/> contract, run against every provider.</summary>
public abstract class LifecycleCompliance : StoreCompliance
{
    private static readonly byte[] Check = Bytes(42, 61);

    [Fact]
    public async Task GetRootKeyCheckAsync_FreshStore_ReturnsNull()
    {
        Assert.Null(await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
    }

    [Fact]
    public async Task MigrateAsync_RunAgain_IsIdempotent()
    {
        await Store.Lifecycle.MigrateAsync(Ct);
        await Store.Lifecycle.MigrateAsync(Ct);

        Assert.Null(await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
        Assert.Empty(await Store.Accounts.ListAsync(Ct));
    }

    [Fact]
    public async Task MigrateAsync_AfterInitialise_KeepsEverything()
    {
        var account = Account(1);
        await Store.Lifecycle.InitialiseAsync(Check, account, AccessKey(account.Id, "LTAIadmin"), Ct);

        await Store.Lifecycle.MigrateAsync(Ct);

        Assert.Equal(Check, await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
        Assert.Equal(account, await Store.Accounts.FindAsync(account.Id, Ct));
        Assert.NotNull(await Store.AccessKeys.FindAsync("LTAIadmin", Ct));
    }

    [Fact]
    public async Task InitialiseAsync_EmptyStore_WritesCheckRecordAccountAndAdminKey()
    {
        var account = Account(1);
        var admin = AccessKey(account.Id, "LTAIadmin");

        await Store.Lifecycle.InitialiseAsync(Check, account, admin, Ct);

        Assert.Equal(Check, await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
        Assert.Equal(account, await Store.Accounts.FindAsync(account.Id, Ct));
        var stored = await Store.AccessKeys.FindAsync(admin.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(admin.Account, stored.Account);
        Assert.Equal(admin.WrappedSecret, stored.WrappedSecret);
        Assert.True(stored.Enabled);
    }

    [Fact]
    public async Task InitialiseAsync_Twice_ThrowsAndWritesNothing()
    {
        var first = Account(1);
        await Store.Lifecycle.InitialiseAsync(Check, first, AccessKey(first.Id, "LTAIfirst"), Ct);
        var second = Account(2);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.Lifecycle.InitialiseAsync(Bytes(7, 61), second, AccessKey(second.Id, "LTAIsecond"), Ct));

        Assert.Equal(Check, await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
        Assert.Null(await Store.Accounts.FindAsync(second.Id, Ct));
        Assert.Null(await Store.AccessKeys.FindAsync("LTAIsecond", Ct));
        Assert.Equal([first.Id], (await Store.Accounts.ListAsync(Ct)).Select(a => a.Id));
    }

    [Fact]
    public async Task InitialiseAsync_AccountRowCannotBeWritten_LeavesTheStoreUninitialised()
    {
        // The account already exists, so initialisation fails after the check record would have been written.
        var account = Account(1);
        await Store.Accounts.CreateAsync(account, Ct);

        await Assert.ThrowsAnyAsync<Exception>(
            () => Store.Lifecycle.InitialiseAsync(Check, account, AccessKey(account.Id, "LTAIadmin"), Ct));

        Assert.Null(await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
        Assert.Null(await Store.AccessKeys.FindAsync("LTAIadmin", Ct));
    }

    [Fact]
    public async Task InitialiseAsync_AccessKeyRowCannotBeWritten_LeavesTheStoreUninitialised()
    {
        var other = Account(2);
        await Store.Accounts.CreateAsync(other, Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(other.Id, "LTAItaken"), Ct);
        var account = Account(1, AccountStatus.Opened);

        await Assert.ThrowsAnyAsync<Exception>(
            () => Store.Lifecycle.InitialiseAsync(Check, account, AccessKey(account.Id, "LTAItaken"), Ct));

        Assert.Null(await Store.Lifecycle.GetRootKeyCheckAsync(Ct));
        Assert.Null(await Store.Accounts.FindAsync(account.Id, Ct));
    }
}
