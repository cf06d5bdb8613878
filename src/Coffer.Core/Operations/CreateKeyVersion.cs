using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>CreateKeyVersion result: the rotated key and its new primary version.</summary>
public sealed record CreateKeyVersionResult(Key Key, KeyVersion Version);

/// <summary>
/// CreateKeyVersion (manual rotation): a new version becomes primary, LastRotationDate is now, NextRotationDate moves
/// when rotation is on; older versions keep decrypting.
/// </summary>
public sealed class CreateKeyVersion(KeyResolver resolver, KeyRotation rotation, IKeyStore keys, KmsOptions options, TimeProvider time)
{
    private const int MaxAttempts = 5;

    /// <summary>Runs the action (any key form).</summary>
    /// <exception cref="KmsException">
    /// Forbidden.KeyNotFound / Forbidden.AliasNotFound; the Rotate row's 409 (Enabled only); Rejected.UnsupportedOperation
    /// inside <see cref="KmsOptions.MinimumKeyVersionInterval"/>; Rejected.LimitExceeded past
    /// <see cref="KmsOptions.MaxVersionsPerKey"/>; Rejected.StateModifiedFailed when concurrent changes keep winning.
    /// </exception>
    public async Task<CreateKeyVersionResult> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveAsync(caller, keyId, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            KeyTransitions.Ensure(KeyAction.Rotate, key.State);
            var now = time.GetUtcNow();
            if (options.MinimumKeyVersionInterval > TimeSpan.Zero && now - key.LastRotationDate < options.MinimumKeyVersionInterval)
            {
                throw new KmsException(KmsErrorCode.UnsupportedOperation);
            }

            if (await rotation.TryRotateAsync(key, now, cancellationToken) is { } rotated)
            {
                return new CreateKeyVersionResult(rotated.Key, rotated.Version);
            }

            key = await keys.FindAsync(caller.Account, key.Id, cancellationToken) ?? throw new KmsException(KmsErrorCode.KeyNotFound);
        }

        throw new KmsException(KmsErrorCode.StateModifiedFailed);
    }
}
