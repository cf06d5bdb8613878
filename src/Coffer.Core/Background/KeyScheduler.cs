using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Core.Storage;

namespace Coffer.Core.Background;

/// <summary>What one scheduler pass did.</summary>
public sealed record SchedulerPass(
    int Deleted, int Rotated, int PurgedSecrets = 0, int ExpiredMaterials = 0, int ExpiredImportTokens = 0, int PurgedNonces = 0);

/// <summary>
/// Time-driven key work: deletes keys whose deletion date passed (with their versions, aliases and tags) and rotates
/// keys whose next rotation date passed. Every change is a compare-and-swap, so several processes may run it against
/// one store: a key is deleted once and rotated once per due date. Secrets whose recovery window passed are purged
/// the same way (a compare-and-swap on the secret's revision, so a restore that wins the race keeps the secret).
/// Imported material past its expiry is removed (the key goes back to PendingImport, by compare-and-swap), and
/// expired import wrapping keys are deleted. Signature nonces past their expiry are removed (every node may do it; a
/// nonce is only ever deleted once expired).
/// </summary>
public sealed class KeyScheduler(
    IKeyStore keys,
    ISecretStore secrets,
    IImportWrappingKeyStore wrappingKeys,
    INonceStore nonces,
    KeyRotation rotation,
    MaterialRemover remover,
    TimeProvider time)
{
    private const int BatchSize = 100;

    /// <summary>Runs one pass at the current time of the injected clock.</summary>
    public async Task<SchedulerPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = 0;
        foreach (var key in await keys.ListDueForDeletionAsync(now, BatchSize, cancellationToken))
        {
            if (key.State == KeyState.PendingDeletion && await keys.TryDeleteAsync(key, key.Revision, cancellationToken))
            {
                deleted++;
            }
        }

        var rotated = 0;
        foreach (var key in await keys.ListDueForRotationAsync(now, BatchSize, cancellationToken))
        {
            // Security: only symmetric keys rotate automatically; key pairs and HMAC keys rotate by hand only.
            if (key is { State: KeyState.Enabled, AutomaticRotation: AutomaticRotation.Enabled }
                && KeySpecs.Kind(key.Spec) == KeyMaterialKind.Symmetric
                && await rotation.TryRotateAsync(key, now, cancellationToken) is not null)
            {
                rotated++;
            }
        }

        var purged = 0;
        foreach (var secret in await secrets.ListDueForPurgeAsync(now, BatchSize, cancellationToken))
        {
            if (secret.PlannedDeleteTime <= now && await secrets.TryDeleteAsync(secret.Account, secret.Name, secret.Revision, cancellationToken))
            {
                purged++;
            }
        }

        var expired = 0;
        foreach (var key in await keys.ListDueForMaterialExpiryAsync(now, BatchSize, cancellationToken))
        {
            if (key.MaterialExpireTime <= now && await remover.TryRemoveAsync(key, cancellationToken) is not null)
            {
                expired++;
            }
        }

        var tokens = await wrappingKeys.DeleteExpiredAsync(now, BatchSize, cancellationToken);
        var purgedNonces = await nonces.PurgeExpiredAsync(now, cancellationToken);
        return new SchedulerPass(deleted, rotated, purged, expired, tokens, purgedNonces);
    }
}
