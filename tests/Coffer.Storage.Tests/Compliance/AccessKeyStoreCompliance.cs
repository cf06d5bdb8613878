using Coffer.Core.Accounts;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IAccessKeyStore"/> contract, run against every provider.</summary>
public abstract class AccessKeyStoreCompliance : StoreCompliance
{
    private static readonly AccountId A = AccountId(1);
    private static readonly AccountId B = AccountId(2);

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.Accounts.CreateAsync(Account(1), Ct);
        await Store.Accounts.CreateAsync(Account(2), Ct);
    }

    [Fact]
    public async Task FindAsync_CreatedAccessKey_ReturnsEveryFieldWithTheWrappedSecretIntact()
    {
        var accessKey = AccessKey(A, "LTAIfirst") with { Enabled = false, Revision = 4 };
        await Store.AccessKeys.CreateAsync(accessKey, Ct);

        var found = await Store.AccessKeys.FindAsync(accessKey.Id, Ct);

        Assert.NotNull(found);
        Assert.Equal(accessKey.Id, found.Id);
        Assert.Equal(accessKey.Account, found.Account);
        Assert.Equal(accessKey.WrappedSecret, found.WrappedSecret);
        Assert.Equal(accessKey.Enabled, found.Enabled);
        Assert.Equal(accessKey.CreationDate, found.CreationDate);
        Assert.Equal(accessKey.Revision, found.Revision);
    }

    [Fact]
    public async Task FindAsync_UserAccessKey_KeepsItsUser()
    {
        await Store.Users.TryCreateAsync(new Core.Users.User(A, "alice", T0), Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAIadmin"), Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAIalice") with { UserName = "alice" }, Ct);

        var admin = await Store.AccessKeys.FindAsync("LTAIadmin", Ct);
        var alice = await Store.AccessKeys.FindAsync("LTAIalice", Ct);

        Assert.Null(admin!.UserName);
        Assert.Equal("alice", alice!.UserName);
        Assert.Equal("alice", Assert.Single(await Store.AccessKeys.ListAsync(Ct), k => k.Id == "LTAIalice").UserName);
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAIfirst"), Ct);

        Assert.Null(await Store.AccessKeys.FindAsync("LTAIsecond", Ct));
        Assert.Null(await Store.AccessKeys.FindAsync("", Ct));
    }

    [Fact]
    public async Task ListAsync_AllAccounts_OrderedByCreationTimeThenId()
    {
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAIc", T0), Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(B, "LTAIa", T0.AddSeconds(1)), Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(B, "LTAIb", T0), Ct);

        var all = await Store.AccessKeys.ListAsync(Ct);

        Assert.Equal(["LTAIb", "LTAIc", "LTAIa"], all.Select(k => k.Id));
    }

    [Fact]
    public async Task CountAsync_PerAccount_CountsOnlyThatAccount()
    {
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAI1"), Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAI2") with { Enabled = false }, Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(B, "LTAI3"), Ct);

        Assert.Equal(2, await Store.AccessKeys.CountAsync(A, Ct));
        Assert.Equal(1, await Store.AccessKeys.CountAsync(B, Ct));
        Assert.Equal(0, await Store.AccessKeys.CountAsync(AccountId(3), Ct));
    }

    [Fact]
    public async Task TrySetEnabledAsync_CurrentRevision_SetsFlagAndIncrementsRevision()
    {
        var accessKey = AccessKey(A, "LTAIfirst");
        await Store.AccessKeys.CreateAsync(accessKey, Ct);

        var swapped = await Store.AccessKeys.TrySetEnabledAsync(accessKey.Id, false, accessKey.Revision, Ct);

        Assert.True(swapped);
        var found = await Store.AccessKeys.FindAsync(accessKey.Id, Ct);
        Assert.NotNull(found);
        Assert.False(found.Enabled);
        Assert.Equal(accessKey.Revision + 1, found.Revision);
        Assert.Equal(accessKey.WrappedSecret, found.WrappedSecret);
    }

    [Fact]
    public async Task TrySetEnabledAsync_StaleRevision_FailsAndChangesNothing()
    {
        var accessKey = AccessKey(A, "LTAIfirst");
        await Store.AccessKeys.CreateAsync(accessKey, Ct);
        Assert.True(await Store.AccessKeys.TrySetEnabledAsync(accessKey.Id, false, 1, Ct));

        var swapped = await Store.AccessKeys.TrySetEnabledAsync(accessKey.Id, true, 1, Ct);

        Assert.False(swapped);
        var found = await Store.AccessKeys.FindAsync(accessKey.Id, Ct);
        Assert.NotNull(found);
        Assert.False(found.Enabled);
        Assert.Equal(2, found.Revision);
    }

    [Fact]
    public async Task TrySetEnabledAsync_SameValue_StillIncrementsRevision()
    {
        var accessKey = AccessKey(A, "LTAIfirst");
        await Store.AccessKeys.CreateAsync(accessKey, Ct);

        var swapped = await Store.AccessKeys.TrySetEnabledAsync(accessKey.Id, true, 1, Ct);

        Assert.True(swapped);
        var found = await Store.AccessKeys.FindAsync(accessKey.Id, Ct);
        Assert.NotNull(found);
        Assert.True(found.Enabled);
        Assert.Equal(2, found.Revision);
    }

    [Fact]
    public async Task TrySetEnabledAsync_UnknownId_ReturnsFalse()
    {
        var swapped = await Store.AccessKeys.TrySetEnabledAsync("LTAInone", false, 1, Ct);

        Assert.False(swapped);
        Assert.Null(await Store.AccessKeys.FindAsync("LTAInone", Ct));
    }

    [Fact]
    public async Task TrySetEnabledAsync_OtherAccessKeys_Untouched()
    {
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAI1"), Ct);
        await Store.AccessKeys.CreateAsync(AccessKey(A, "LTAI2"), Ct);

        Assert.True(await Store.AccessKeys.TrySetEnabledAsync("LTAI1", false, 1, Ct));

        var other = await Store.AccessKeys.FindAsync("LTAI2", Ct);
        Assert.NotNull(other);
        Assert.True(other.Enabled);
        Assert.Equal(1, other.Revision);
    }
}
