using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>UpdateKeyDescription parameters; an empty <see cref="Description"/> clears it.</summary>
public sealed record UpdateKeyDescriptionRequest(string KeyId, string Description);

/// <summary>UpdateKeyDescription: replaces a key's description (key ID or ARN only).</summary>
public sealed class UpdateKeyDescription(KeyUpdater updater, KmsOptions options)
{
    /// <summary>Runs the action; returns the updated key.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Description over <see cref="KmsOptions.MaxDescriptionLength"/>; Unsupported.Alias; Forbidden.KeyNotFound;
    /// Rejected.PendingDeletion.
    /// </exception>
    public Task<Key> HandleAsync(CallContext caller, UpdateKeyDescriptionRequest request, CancellationToken cancellationToken)
    {
        if (request.Description.Length > options.MaxDescriptionLength)
        {
            throw KmsException.Invalid("Description");
        }

        return updater.UpdateAsync(
            caller, request.KeyId, KeyAction.Modify, k => k with { Description = request.Description }, cancellationToken);
    }
}
