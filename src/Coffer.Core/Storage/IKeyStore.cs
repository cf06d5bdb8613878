using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Storage;

/// <summary>
/// Keys and their versions. Every read is scoped to one account. A <see cref="KeyVersion"/> is stored and read back
/// whole: its wrapped material and, for key pairs, its <see cref="KeyVersion.PublicKey"/> (DER SubjectPublicKeyInfo,
/// null for every other kind; a store keeps null as null and bytes byte for byte). <see cref="Key.Spec"/> is stored by
/// its <see cref="KeySpecs.Name"/>, which covers symmetric, key-pair and HMAC specs alike.
/// </summary>
public interface IKeyStore
{
    /// <summary>Stores a new key and its first version in one transaction.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be written.</exception>
    Task CreateAsync(Key key, KeyVersion firstVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Stores several new keys, each with its first version, in one transaction (one durable commit). A key is stored
    /// only while its account holds fewer than its <see cref="KeyCreation.AccountKeyLimit"/> keys, counted inside the
    /// transaction with the keys stored before it in the batch, so no interleaving of writers exceeds a limit. A key
    /// whose own write fails is rolled back alone (<see cref="KeyCreationOutcome.Failed"/>) and the rest are stored;
    /// one result per key, in order.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The transaction failed: none of the keys was stored.</exception>
    Task<IReadOnlyList<KeyCreationResult>> TryCreateBatchAsync(IReadOnlyList<KeyCreation> keys, CancellationToken cancellationToken);

    /// <summary>The key <paramref name="id"/> of <paramref name="account"/>, or null.</summary>
    Task<Key?> FindAsync(AccountId account, KeyId id, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync"/>, with the key's primary version read in the same query (null when the key has no
    /// such version row). The read caches use it so that Encrypt's two records cost one read.
    /// </summary>
    Task<(Key Key, KeyVersion? PrimaryVersion)?> FindWithPrimaryVersionAsync(AccountId account, KeyId id, CancellationToken cancellationToken);

    /// <summary>The version <paramref name="versionId"/> and its key, when the key belongs to <paramref name="account"/>.</summary>
    Task<(Key Key, KeyVersion Version)?> FindVersionAsync(
        AccountId account, KeyVersionId versionId, CancellationToken cancellationToken);

    /// <summary>The version <paramref name="versionId"/> of key <paramref name="id"/> (no account check; the key was resolved).</summary>
    Task<KeyVersion?> GetVersionAsync(KeyId id, KeyVersionId versionId, CancellationToken cancellationToken);

    /// <summary>One page of the account's keys, ordered by creation time then ID, and the total count.</summary>
    Task<(IReadOnlyList<Key> Items, int TotalCount)> ListAsync(
        AccountId account, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Number of keys the account holds (PendingDeletion included).</summary>
    Task<int> CountAsync(AccountId account, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-swap of a key's mutable fields: writes <paramref name="key"/> with revision
    /// <paramref name="expectedRevision"/> + 1 when the stored revision is still <paramref name="expectedRevision"/>.
    /// </summary>
    Task<bool> TryUpdateAsync(Key key, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the compare-and-swap of <see cref="TryUpdateAsync"/> and the insert of <paramref name="version"/>
    /// (a rotation). Nothing is written when the revision moved.
    /// </summary>
    Task<bool> TryAddVersionAsync(Key key, long expectedRevision, KeyVersion version, CancellationToken cancellationToken);

    /// <summary>One page of a key's versions, oldest first, and the total.</summary>
    Task<(IReadOnlyList<KeyVersion> Items, int TotalCount)> ListVersionsAsync(
        KeyId id, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a key with its versions, aliases, tags and import wrapping keys in one transaction, when its revision is still
    /// <paramref name="expectedRevision"/>; false otherwise (nothing deleted).
    /// </summary>
    Task<bool> TryDeleteAsync(Key key, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Keys of every account whose deletion date is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Key>> ListDueForDeletionAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Keys of every account whose next rotation date is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Key>> ListDueForRotationAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Keys of every account whose imported material expires at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Key>> ListDueForMaterialExpiryAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The fingerprint of the material first imported into EXTERNAL key <paramref name="id"/> (kept after the material
    /// is deleted, so only the same material can come back), or null before the first import.
    /// </summary>
    Task<byte[]?> FindMaterialFingerprintAsync(KeyId id, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the compare-and-swap of <see cref="TryUpdateAsync"/>, <paramref name="version"/>'s wrapped
    /// material written over the stored version's (same key and ID), and the key's material fingerprint set to
    /// <paramref name="fingerprint"/>. Nothing is written when the revision moved.
    /// </summary>
    Task<bool> TryImportMaterialAsync(Key key, long expectedRevision, KeyVersion version, byte[] fingerprint, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the compare-and-swap of <see cref="TryUpdateAsync"/> and the removal of the wrapped material of
    /// every version of the key (each left with an empty <see cref="KeyVersion.WrappedMaterial"/>); the fingerprint stays.
    /// Nothing is written when the revision moved.
    /// </summary>
    Task<bool> TryRemoveMaterialAsync(Key key, long expectedRevision, CancellationToken cancellationToken);
}
