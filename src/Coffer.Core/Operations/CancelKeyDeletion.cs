using Coffer.Core.Errors;
using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>
/// CancelKeyDeletion: PendingDeletion → Enabled, DeleteDate cleared; an EXTERNAL key without live material (never
/// imported, deleted, or expired) → PendingImport.
/// </summary>
public sealed class CancelKeyDeletion(KeyUpdater updater, IKeyStore keys, TimeProvider time)
{
    /// <summary>Runs the action on a key ID or ARN; returns the updated key.</summary>
    /// <exception cref="KmsException">Unsupported.Alias; Forbidden.KeyNotFound; Rejected.StateModifiedFailed unless PendingDeletion.</exception>
    public Task<Key> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken) =>
        updater.UpdateAsync(
            caller,
            keyId,
            KeyAction.CancelDeletion,
            async (k, ct) =>
            {
                var state = KeyState.Enabled;
                if (k.IsExternal)
                {
                    // Read after the key: a material change in between moves the revision, so the write then fails and retries.
                    var primary = await keys.GetVersionAsync(k.Id, k.PrimaryVersion, ct)
                        ?? throw new KmsException(KmsErrorCode.InternalFailure, "primary version missing");
                    state = KeyImport.HasLiveMaterial(k, primary, time.GetUtcNow()) ? KeyState.Enabled : KeyState.PendingImport;
                }

                return KeyLifecycle.WithState(k, state) with { DeleteDate = null };
            },
            cancellationToken);
}
