using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>OpenKmsService: opens a NotOpened account; always succeeds (idempotent).</summary>
public sealed class OpenKmsService(IAccountStore accounts)
{
    private const int MaxAttempts = 5;

    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">ServiceUnavailableTemporary when the compare-and-swap keeps losing.</exception>
    public async Task HandleAsync(CallContext caller, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var account = await accounts.FindAsync(caller.Account, cancellationToken)
                ?? throw new KmsException(KmsErrorCode.InternalFailure, "caller account missing");
            if (account.Status != AccountStatus.NotOpened)
            {
                return;
            }

            if (await accounts.TrySetStatusAsync(account.Id, AccountStatus.Opened, account.Revision, cancellationToken))
            {
                return;
            }
        }

        throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary);
    }
}
