using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>EnableKey: Disabled → Enabled, idempotent; suspended rotation resumes.</summary>
public sealed class EnableKey(KeyUpdater updater)
{
    /// <summary>Runs the action on a key ID or ARN; returns the key.</summary>
    /// <exception cref="KmsException">Unsupported.Alias; Forbidden.KeyNotFound; Rejected.StateModifiedFailed from PendingDeletion or PendingImport.</exception>
    public Task<Key> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken) =>
        updater.UpdateAsync(caller, keyId, KeyAction.EnableDisable, k => KeyLifecycle.WithState(k, KeyState.Enabled), cancellationToken);
}
