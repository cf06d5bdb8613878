using Coffer.Core.Keys;
using Coffer.Core.Storage;

namespace Coffer.Core.Import;

/// <summary>Removes an EXTERNAL key's imported material: DeleteKeyMaterial, and the scheduler when the material expires.</summary>
public sealed class MaterialRemover(IKeyStore keys, KeyMaterialCache cache)
{
    /// <summary>
    /// Removes <paramref name="key"/>'s material by compare-and-swap at its revision and zeroes any cached copy; the key
    /// goes to PendingImport unless it is PendingDeletion (which keeps its state and DeleteDate), and its
    /// MaterialExpireTime is cleared. Null when the key changed meanwhile.
    /// </summary>
    public async Task<Key?> TryRemoveAsync(Key key, CancellationToken cancellationToken)
    {
        var removed = (key.State == KeyState.PendingDeletion ? key : KeyLifecycle.WithState(key, KeyState.PendingImport)) with
        {
            MaterialExpireTime = null,
        };
        if (!await keys.TryRemoveMaterialAsync(removed, key.Revision, cancellationToken))
        {
            return null;
        }

        // Security: the unwrapped copy goes too, so nothing in this process can still use the material.
        cache.Evict(key.PrimaryVersion);
        return removed with { Revision = key.Revision + 1 };
    }
}
