using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>UpdateRotationPolicy parameters; <see cref="RotationInterval"/> is required when enabling.</summary>
public sealed record UpdateRotationPolicyRequest(string KeyId, bool EnableAutomaticRotation, string? RotationInterval);

/// <summary>
/// UpdateRotationPolicy: turns automatic rotation on (interval stored, NextRotationDate = LastRotationDate + interval;
/// a date already past is rotated by the next scheduler pass) or off (interval and next date cleared).
/// </summary>
public sealed class UpdateRotationPolicy(KeyUpdater updater)
{
    /// <summary>Runs the action on a key ID or ARN; returns the updated key.</summary>
    /// <exception cref="KmsException">
    /// MissingParameter RotationInterval when enabling without one; InvalidParameter RotationInterval; Unsupported.Alias;
    /// Forbidden.KeyNotFound; the Rotate row's 409 (Enabled only); Rejected.UnsupportedOperation when enabling it on a
    /// key pair or HMAC key; Unsupported.Origin when enabling it on an EXTERNAL key.
    /// </exception>
    public Task<Key> HandleAsync(CallContext caller, UpdateRotationPolicyRequest request, CancellationToken cancellationToken)
    {
        TimeSpan? interval = null;
        if (request.EnableAutomaticRotation)
        {
            interval = RotationInterval.Parse(request.RotationInterval ?? throw KmsException.Missing("RotationInterval"));
        }
        else if (request.RotationInterval is { } ignored)
        {
            // Checked even when disabling, so a malformed value is never silently accepted.
            RotationInterval.Parse(ignored);
        }

        return updater.UpdateAsync(
            caller,
            request.KeyId,
            KeyAction.Rotate,
            k => interval is { } i
                ? k.IsExternal
                    ? throw new KmsException(KmsErrorCode.UnsupportedOrigin)
                    : RotatesAutomatically(k) with { AutomaticRotation = AutomaticRotation.Enabled, RotationInterval = i, NextRotationDate = k.LastRotationDate + i }
                : k with { AutomaticRotation = AutomaticRotation.Disabled, RotationInterval = null, NextRotationDate = null },
            cancellationToken);
    }

    private static Key RotatesAutomatically(Key key) =>
        KeySpecs.Kind(key.Spec) == KeyMaterialKind.Symmetric ? key : throw new KmsException(KmsErrorCode.UnsupportedOperation);
}
