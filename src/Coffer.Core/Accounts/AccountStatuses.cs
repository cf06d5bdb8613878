using Coffer.Core.Errors;

namespace Coffer.Core.Accounts;

/// <summary>Stored names of <see cref="AccountStatus"/> and the error each state answers.</summary>
public static class AccountStatuses
{
    /// <summary>The stored name.</summary>
    public static string Name(AccountStatus status) => status switch
    {
        AccountStatus.Opened => "Opened",
        AccountStatus.NotOpened => "NotOpened",
        AccountStatus.InDebt => "InDebt",
        AccountStatus.InDebtOverdue => "InDebtOverdue",
        AccountStatus.ProhibitedByRiskControl => "ProhibitedByRiskControl",
        AccountStatus.UbsmsInvalidUserid => "UbsmsInvalidUserid",
        AccountStatus.UbsmsInvalidBid => "UbsmsInvalidBid",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Parses a stored name.</summary>
    public static AccountStatus Parse(string name) => name switch
    {
        "Opened" => AccountStatus.Opened,
        "NotOpened" => AccountStatus.NotOpened,
        "InDebt" => AccountStatus.InDebt,
        "InDebtOverdue" => AccountStatus.InDebtOverdue,
        "ProhibitedByRiskControl" => AccountStatus.ProhibitedByRiskControl,
        "UbsmsInvalidUserid" => AccountStatus.UbsmsInvalidUserid,
        "UbsmsInvalidBid" => AccountStatus.UbsmsInvalidBid,
        _ => throw new FormatException("Unknown account status in storage."),
    };

    /// <summary>Parses a stored name (as <c>coffer account set-state</c> takes it); false for anything else.</summary>
    public static bool TryParse(string? name, out AccountStatus status)
    {
        foreach (var candidate in Enum.GetValues<AccountStatus>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>
    /// The check of step 11 of the order of checks: an account that cannot call <paramref name="exemptFromNotOpened"/>
    /// actions gets its state's error.
    /// </summary>
    /// <exception cref="KmsException">The state's Forbidden.* code.</exception>
    public static void EnsureMayCall(AccountStatus status, bool exemptFromNotOpened)
    {
        var code = status switch
        {
            AccountStatus.Opened => (KmsErrorCode?)null,
            AccountStatus.NotOpened => exemptFromNotOpened ? null : KmsErrorCode.KmsServiceNotEnabled,
            AccountStatus.InDebt => KmsErrorCode.InDebt,
            AccountStatus.InDebtOverdue => KmsErrorCode.InDebtOverdue,
            AccountStatus.ProhibitedByRiskControl => KmsErrorCode.ProhibitedByRiskControl,
            AccountStatus.UbsmsInvalidUserid => KmsErrorCode.UbsmsInvalidUserid,
            AccountStatus.UbsmsInvalidBid => KmsErrorCode.UbsmsInvalidBid,
            _ => KmsErrorCode.InternalFailure,
        };
        if (code is { } c)
        {
            throw new KmsException(c);
        }
    }
}
