using Coffer.Core.Accounts;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class DescribeAccountKmsStatusTests
{
    public static TheoryData<AccountStatus, string> Mapping => new()
    {
        { AccountStatus.Opened, "Enabled" },
        { AccountStatus.NotOpened, "NotEnabled" },
        { AccountStatus.InDebt, "InDebt" },
        { AccountStatus.InDebtOverdue, "InDebt" },
        { AccountStatus.ProhibitedByRiskControl, "Suspended" },
        { AccountStatus.UbsmsInvalidUserid, "Suspended" },
        { AccountStatus.UbsmsInvalidBid, "Suspended" },
    };

    [Theory]
    [MemberData(nameof(Mapping))]
    public async Task DescribeAccountKmsStatus_EveryAccountStatus_MapsAsDecided(AccountStatus status, string expected)
    {
        await using var kms = await CreateAsync();
        var caller = await kms.AddAccountAsync(status);

        var result = await kms.Get<DescribeAccountKmsStatus>().HandleAsync(caller, Ct);

        Assert.Equal(expected, result.AccountStatus);
    }

    [Fact]
    public void Mapping_CoversEveryAccountStatus()
    {
        var covered = Mapping.Select(row => row.Data.Item1).Order();

        Assert.Equal(Enum.GetValues<AccountStatus>().Order(), covered);
    }

    [Fact]
    public async Task DescribeAccountKmsStatus_InitialisedAccount_IsEnabled()
    {
        await using var kms = await CreateAsync();

        var result = await kms.Get<DescribeAccountKmsStatus>().HandleAsync(kms.Caller, Ct);

        Assert.Equal("Enabled", result.AccountStatus);
    }
}
