using Coffer.Core.Accounts;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class OpenKmsServiceTests
{
    [Fact]
    public async Task OpenKmsService_NotOpenedAccount_BecomesOpened()
    {
        await using var kms = await CreateAsync();
        var caller = await kms.AddAccountAsync(AccountStatus.NotOpened);

        await kms.Get<OpenKmsService>().HandleAsync(caller, Ct);

        var account = await kms.Accounts.FindAsync(caller.Account, Ct);
        Assert.Equal(AccountStatus.Opened, account!.Status);
        Assert.Equal(2, account.Revision);
    }

    [Fact]
    public async Task OpenKmsService_NotOpenedAccount_ThenReportedEnabled()
    {
        await using var kms = await CreateAsync();
        var caller = await kms.AddAccountAsync(AccountStatus.NotOpened);
        var before = await kms.Get<DescribeAccountKmsStatus>().HandleAsync(caller, Ct);

        await kms.Get<OpenKmsService>().HandleAsync(caller, Ct);

        var after = await kms.Get<DescribeAccountKmsStatus>().HandleAsync(caller, Ct);
        Assert.Equal("NotEnabled", before.AccountStatus);
        Assert.Equal("Enabled", after.AccountStatus);
    }

    [Fact]
    public async Task OpenKmsService_Twice_SucceedsAndChangesNothingTheSecondTime()
    {
        await using var kms = await CreateAsync();
        var caller = await kms.AddAccountAsync(AccountStatus.NotOpened);
        await kms.Get<OpenKmsService>().HandleAsync(caller, Ct);

        await kms.Get<OpenKmsService>().HandleAsync(caller, Ct);

        var account = await kms.Accounts.FindAsync(caller.Account, Ct);
        Assert.Equal(AccountStatus.Opened, account!.Status);
        Assert.Equal(2, account.Revision);
    }

    [Fact]
    public async Task OpenKmsService_OpenedAccount_SucceedsWithoutWriting()
    {
        await using var kms = await CreateAsync();

        await kms.Get<OpenKmsService>().HandleAsync(kms.Caller, Ct);

        var account = await kms.Accounts.FindAsync(kms.Caller.Account, Ct);
        Assert.Equal(AccountStatus.Opened, account!.Status);
        Assert.Equal(1, account.Revision);
    }

    [Theory]
    [InlineData(AccountStatus.InDebt)]
    [InlineData(AccountStatus.InDebtOverdue)]
    [InlineData(AccountStatus.ProhibitedByRiskControl)]
    [InlineData(AccountStatus.UbsmsInvalidUserid)]
    [InlineData(AccountStatus.UbsmsInvalidBid)]
    public async Task OpenKmsService_SuspendedOrIndebtedAccount_LeavesItsStatus(AccountStatus status)
    {
        await using var kms = await CreateAsync();
        var caller = await kms.AddAccountAsync(status);

        await kms.Get<OpenKmsService>().HandleAsync(caller, Ct);

        Assert.Equal(status, (await kms.Accounts.FindAsync(caller.Account, Ct))!.Status);
    }

    [Fact]
    public async Task OpenKmsService_OtherAccounts_Untouched()
    {
        await using var kms = await CreateAsync();
        var caller = await kms.AddAccountAsync(AccountStatus.NotOpened);
        var bystander = await kms.AddAccountAsync(AccountStatus.NotOpened);

        await kms.Get<OpenKmsService>().HandleAsync(caller, Ct);

        Assert.Equal(AccountStatus.NotOpened, (await kms.Accounts.FindAsync(bystander.Account, Ct))!.Status);
    }
}
