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

    /// <summary>Deletes nonces whose expiry is before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
