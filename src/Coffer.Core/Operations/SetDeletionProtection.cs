using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>SetDeletionProtection parameters: the key (ID or key ARN), on or off, and the description stored when on.</summary>
public sealed record SetDeletionProtectionRequest(string KeyId, bool EnableDeletionProtection, string? DeletionProtectionDescription);

/// <summary>SetDeletionProtection: while on, ScheduleKeyDeletion is refused.</summary>
public sealed class SetDeletionProtection(KeyUpdater updater, KmsOptions options)
{
    /// <summary>Runs the action; returns the updated key.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter DeletionProtectionDescription over <see cref="KmsOptions.MaxDescriptionLength"/>; Unsupported.Alias;
    /// Forbidden.KeyNotFound; Rejected.PendingDeletion.
    /// </exception>
    public Task<Key> HandleAsync(CallContext caller, SetDeletionProtectionRequest request, CancellationToken cancellationToken)
    {
        var description = request.EnableDeletionProtection ? request.DeletionProtectionDescription ?? "" : "";
        if (description.Length > options.MaxDescriptionLength)
        {
            throw KmsException.Invalid("DeletionProtectionDescription");
        }

        return updater.UpdateAsync(
            caller,
            request.KeyId,
            KeyAction.Modify,
            k => k with { DeletionProtection = request.EnableDeletionProtection, DeletionProtectionDescription = description },
            cancellationToken);
    }
}
