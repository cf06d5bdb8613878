using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Core.Secrets;

namespace Coffer.Core.Operations;

/// <summary>RestoreSecret: ends a recovery window; a secret outside one is left as it is (idempotent).</summary>
public sealed class RestoreSecret(SecretVault vault, TimeProvider time)
{
    /// <summary>Runs the action; returns the secret.</summary>
    /// <exception cref="KmsException">Forbidden.ResourceNotFound (also once the window has passed and the secret was purged).</exception>
    public async Task<Secret> HandleAsync(CallContext caller, string secretName, CancellationToken cancellationToken) =>
        await vault.UpdateAsync(caller, secretName, (secret, _) =>
        {
            if (secret.PlannedDeleteTime <= time.GetUtcNow())
            {
                // The window has passed: the scheduler is about to purge it.
                throw new KmsException(KmsErrorCode.ResourceNotFound);
            }

            var updated = secret.PlannedDeleteTime is null
                ? secret
                : secret with { PlannedDeleteTime = null, UpdateTime = CreateKey.WholeSeconds(time.GetUtcNow()), Revision = secret.Revision + 1 };
            return Task.FromResult<(Secret, IReadOnlyList<SecretVersion>, IReadOnlyList<string>, Secret)>((updated, [], [], updated));
        }, cancellationToken);
}
