namespace Coffer.Core.Storage;

/// <summary>Durable record of used signature nonces, per AccessKeyId.</summary>
public interface INonceStore
{
    /// <summary>
    /// Records <paramref name="nonce"/> for <paramref name="accessKeyId"/> durably. False when it was already
    /// recorded (a replay). Expired entries may be purged after <paramref name="expiresAt"/>.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The record could not be made durable.</exception>
    Task<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records every entry of <paramref name="nonces"/> in <b>one</b> durable transaction (group commit): when the task
    /// completes, all of them are durable, or it fails and the caller answers none of the requests. The entries are
    /// distinct (AccessKeyId, nonce) pairs (the caller removes duplicates inside a batch). The result has one element
    /// per entry, in order: true when the entry was recorded now, false when it was already recorded (a replay, also one
    /// recorded by another node or before a restart).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The batch could not be made durable.</exception>
    Task<IReadOnlyList<bool>> TryRecordBatchAsync(IReadOnlyList<NonceRecord> nonces, CancellationToken cancellationToken);

    /// <summary>Deletes nonces whose expiry is before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
