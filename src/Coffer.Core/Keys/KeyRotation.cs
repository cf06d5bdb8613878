using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Crypto.Wrapping;
using Coffer.Core.Storage;

namespace Coffer.Core.Keys;

/// <summary>
/// Makes a new version of a key and makes it primary, by compare-and-swap, so two processes rotating the same key
/// at once produce one new version, not two. Shared by CreateKeyVersion and the rotation scheduler.
/// </summary>
public sealed class KeyRotation(IKeyStore keys, RootKey root, KmsOptions options, AccountLimits limits)
{
    /// <summary>
    /// Adds a version to <paramref name="key"/> as read at revision <see cref="Key.Revision"/>. Returns the updated key,
    /// or null when the key changed meanwhile (the caller reloads or, in the scheduler, leaves it to the winner).
    /// </summary>
    /// <exception cref="KmsException">Rejected.LimitExceeded past the versions-per-key quota.</exception>
    public async Task<(Key Key, KeyVersion Version)?> TryRotateAsync(Key key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (_, count) = await keys.ListVersionsAsync(key.Id, 0, 1, cancellationToken);
        if (count >= (await limits.GetAsync(key.Account, cancellationToken)).VersionsPerKeyOr(options))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }

        var versionId = KeyVersionId.New();
        var at = WholeSeconds(now);
        var version = KeyMaterial.NewVersion(root, key.Account, key.Id, versionId, key.Spec, at);
        var rotated = key with
        {
            PrimaryVersion = versionId,
            LastRotationDate = at,
            NextRotationDate = key.AutomaticRotation == AutomaticRotation.Enabled && key.RotationInterval is { } interval ? at + interval : key.NextRotationDate,
        };
        return await keys.TryAddVersionAsync(rotated, key.Revision, version, cancellationToken)
            ? (rotated with { Revision = key.Revision + 1 }, version)
            : null;
    }

    /// <summary>Drops sub-second precision: dates on the wire are whole seconds.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
