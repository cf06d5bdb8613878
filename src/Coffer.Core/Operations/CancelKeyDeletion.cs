using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>CancelKeyDeletion: PendingDeletion → Enabled, DeleteDate cleared.</summary>
public sealed class CancelKeyDeletion(KeyUpdater updater)
{
    /// <summary>Runs the action on a key ID or ARN; returns the updated key.</summary>
    /// <exception cref="KmsException">Unsupported.Alias; Forbidden.KeyNotFound; Rejected.StateModifiedFailed unless PendingDeletion.</exception>
    public Task<Key> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken) =>
        updater.UpdateAsync(
            caller,
            keyId,
            KeyAction.CancelDeletion,
            // EXTERNAL keys without live material will return to PendingImport once import exists.
            k => KeyLifecycle.WithState(k, KeyState.Enabled) with { DeleteDate = null },
            cancellationToken);
}
