using Coffer.Core.Errors;
using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Operations;

/// <summary>
/// DeleteKeyMaterial: removes an EXTERNAL key's imported material (the store keeps only its fingerprint, so the same
/// material can be imported again) and moves the key to PendingImport; a PendingDeletion key keeps its state and
/// DeleteDate. Allowed in every key state (ALIYUN_KMS_API.md §4.3).
/// </summary>
public sealed class DeleteKeyMaterial(KeyResolver resolver, IKeyStore keys, MaterialRemover remover)
{
    private const int MaxAttempts = 5;

    /// <summary>Runs the action on a key ID or ARN; returns the updated key.</summary>
    /// <exception cref="KmsException">Unsupported.Alias; Forbidden.KeyNotFound; Unsupported.Origin; Rejected.StateModifiedFailed when concurrent changes keep winning.</exception>
    public async Task<Key> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveKeyIdAsync(caller, keyId, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!key.IsExternal)
            {
                throw new KmsException(KmsErrorCode.UnsupportedOrigin);
            }

            if (await remover.TryRemoveAsync(key, cancellationToken) is { } removed)
            {
                return removed;
            }

            key = await keys.FindAsync(caller.Account, key.Id, cancellationToken) ?? throw new KmsException(KmsErrorCode.KeyNotFound);
        }

        throw new KmsException(KmsErrorCode.StateModifiedFailed);
    }
}
