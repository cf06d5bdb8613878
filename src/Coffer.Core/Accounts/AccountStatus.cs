namespace Coffer.Core.Accounts;

/// <summary>The states an account can be in (the seed's Forbidden.* rows).</summary>
public enum AccountStatus
{
    /// <summary>KMS is open for the account.</summary>
    Opened,

    /// <summary>Created closed; only OpenKmsService, DescribeAccountKmsStatus and DescribeRegions work.</summary>
    NotOpened,

    /// <summary>Indebted.</summary>
    InDebt,

    /// <summary>Indebted, overdue.</summary>
    InDebtOverdue,

    /// <summary>Stopped by risk control.</summary>
    ProhibitedByRiskControl,

    /// <summary>Invalid user id for billing.</summary>
    UbsmsInvalidUserid,

    /// <summary>Partner account without KMS.</summary>
    UbsmsInvalidBid,
}
