using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>DeleteSecret parameters.</summary>
public sealed record DeleteSecretRequest(string SecretName, bool ForceDeleteWithoutRecovery = false, int? RecoveryWindowInDays = null);

/// <summary>
/// DeleteSecret: starts a recovery window (7–30 days, default 30) after which the scheduler purges the secret, or,
/// forced, deletes it, its versions and its tags at once.
/// </summary>
public sealed class DeleteSecret(SecretVault vault, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>Runs the action; returns the secret name and its planned delete time (now when forced).</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter RecoveryWindowInDays; Forbidden.ResourceNotFound; Rejected.ResourceInDeleteWindow (not forced).
    /// </exception>
    public async Task<(string SecretName, DateTimeOffset PlannedDeleteTime)> HandleAsync(
        CallContext caller, DeleteSecretRequest request, CancellationToken cancellationToken)
    {
        var days = SecretRules.RecoveryWindow(request.RecoveryWindowInDays);
        var now = CreateKey.WholeSeconds(time.GetUtcNow());
        if (!request.ForceDeleteWithoutRecovery)
        {
            return await vault.UpdateAsync(caller, request.SecretName, (secret, _) =>
            {
                SecretVault.EnsureNotInDeleteWindow(secret);
                var planned = now.AddDays(days);
                var updated = secret with { PlannedDeleteTime = planned, UpdateTime = now, Revision = secret.Revision + 1 };
                return Task.FromResult<(Secret, IReadOnlyList<SecretVersion>, IReadOnlyList<string>, (string, DateTimeOffset))>(
                    (updated, [], [], (secret.Name, planned)));
            }, cancellationToken);
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var secret = await vault.FindAsync(caller, request.SecretName, cancellationToken);
            if (await vault.Store.TryDeleteAsync(secret.Account, secret.Name, secret.Revision, cancellationToken))
            {
                return (secret.Name, now);
            }
        }

        throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary, "secret compare-and-swap kept losing");
    }
}
