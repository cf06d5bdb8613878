using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>ScheduleKeyDeletion parameters.</summary>
public sealed record ScheduleKeyDeletionRequest(string KeyId, int PendingWindowInDays);

/// <summary>
/// ScheduleKeyDeletion: the key becomes PendingDeletion with DeleteDate = now + the window (whole seconds); the
/// scheduler deletes it, its versions, aliases and tags once that date passes.
/// </summary>
public sealed class ScheduleKeyDeletion(KeyUpdater updater, TimeProvider time)
{
    /// <summary>Shortest window, in days.</summary>
    public const int MinWindowDays = 7;

    /// <summary>Longest window, in days.</summary>
    public const int MaxWindowDays = 366;

    /// <summary>Runs the action; returns the updated key.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter PendingWindowInDays outside 7–366; Unsupported.Alias; Forbidden.KeyNotFound; Rejected.StateModifiedFailed
    /// when already PendingDeletion or deletion-protected.
    /// </exception>
    public Task<Key> HandleAsync(CallContext caller, ScheduleKeyDeletionRequest request, CancellationToken cancellationToken)
    {
        if (request.PendingWindowInDays is < MinWindowDays or > MaxWindowDays)
        {
            throw KmsException.Invalid("PendingWindowInDays");
        }

        var deleteDate = KeyRotation.WholeSeconds(time.GetUtcNow()).AddDays(request.PendingWindowInDays);
        return updater.UpdateAsync(
            caller,
            request.KeyId,
            KeyAction.ScheduleDeletion,
            k => k.DeletionProtection
                ? throw new KmsException(KmsErrorCode.StateModifiedFailed)
                : KeyLifecycle.WithState(k, KeyState.PendingDeletion) with { DeleteDate = deleteDate },
            cancellationToken);
    }
}
