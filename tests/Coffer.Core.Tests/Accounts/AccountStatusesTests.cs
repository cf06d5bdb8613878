using Coffer.Core.Accounts;
using Coffer.Core.Errors;

namespace Coffer.Core.Tests.Accounts;

public sealed class AccountStatusesTests
{
    public static TheoryData<AccountStatus, bool, KmsErrorCode?> Table => new()
    {
        { AccountStatus.Opened, false, null },
        { AccountStatus.Opened, true, null },
        { AccountStatus.NotOpened, false, KmsErrorCode.KmsServiceNotEnabled },
        { AccountStatus.NotOpened, true, null },
        { AccountStatus.InDebt, false, KmsErrorCode.InDebt },
        { AccountStatus.InDebt, true, KmsErrorCode.InDebt },
        { AccountStatus.InDebtOverdue, false, KmsErrorCode.InDebtOverdue },
        { AccountStatus.InDebtOverdue, true, KmsErrorCode.InDebtOverdue },
        { AccountStatus.ProhibitedByRiskControl, false, KmsErrorCode.ProhibitedByRiskControl },
        { AccountStatus.ProhibitedByRiskControl, true, KmsErrorCode.ProhibitedByRiskControl },
        { AccountStatus.UbsmsInvalidUserid, false, KmsErrorCode.UbsmsInvalidUserid },
        { AccountStatus.UbsmsInvalidUserid, true, KmsErrorCode.UbsmsInvalidUserid },
        { AccountStatus.UbsmsInvalidBid, false, KmsErrorCode.UbsmsInvalidBid },
        { AccountStatus.UbsmsInvalidBid, true, KmsErrorCode.UbsmsInvalidBid },
    };

    public static TheoryData<AccountStatus> Statuses => [.. Enum.GetValues<AccountStatus>()];

    [Theory]
    [MemberData(nameof(Table))]
    public void EnsureMayCall_EveryStatusAndExemption_AnswersAsTheSeedSays(AccountStatus status, bool exempt, KmsErrorCode? expected)
    {
        var error = Record.Exception(() => AccountStatuses.EnsureMayCall(status, exempt));

        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal(expected, Assert.IsType<KmsException>(error).Code);
        }
    }

    [Fact]
    public void Table_CoversEveryStatusBothWays()
    {
        var covered = Table.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();

        Assert.All(Enum.GetValues<AccountStatus>(), s =>
        {
            Assert.Contains((s, false), covered);
            Assert.Contains((s, true), covered);
        });
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Parse_NameOfEveryStatus_RoundTrips(AccountStatus status)
    {
        Assert.Equal(status, AccountStatuses.Parse(AccountStatuses.Name(status)));
    }

    [Theory]
    [InlineData("opened")]
    [InlineData("Enabled")]
    [InlineData("")]
    public void Parse_UnknownName_ThrowsFormatException(string name)
    {
        Assert.Throws<FormatException>(() => AccountStatuses.Parse(name));
    }

    [Fact]
    public void EnsureMayCall_UndefinedStatus_Refuses()
    {
        var error = Assert.Throws<KmsException>(() => AccountStatuses.EnsureMayCall((AccountStatus)99, exemptFromNotOpened: true));

        Assert.Equal(KmsErrorCode.InternalFailure, error.Code);
    }
}
