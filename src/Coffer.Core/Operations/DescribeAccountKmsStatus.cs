using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>DescribeAccountKmsStatus result: Enabled, NotEnabled, InDebt or Suspended.</summary>
public sealed record DescribeAccountKmsStatusResult(string AccountStatus);

/// <summary>DescribeAccountKmsStatus: reports the caller's account state as DECISIONS.md maps it.</summary>
public sealed class DescribeAccountKmsStatus(IAccountStore accounts)
{
    /// <summary>Runs the action.</summary>
    public async Task<DescribeAccountKmsStatusResult> HandleAsync(CallContext caller, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(caller.Account, cancellationToken)
            ?? throw new KmsException(KmsErrorCode.InternalFailure, "caller account missing");
        var status = account.Status switch
        {
            AccountStatus.Opened => "Enabled",
            AccountStatus.NotOpened => "NotEnabled",
            AccountStatus.InDebt or AccountStatus.InDebtOverdue => "InDebt",
            _ => "Suspended",
        };
        return new DescribeAccountKmsStatusResult(status);
    }
}
