namespace Coffer.Core.Storage;

/// <summary>One used signature nonce of one AccessKey, kept until at least <paramref name="ExpiresAt"/>.</summary>
/// <param name="AccessKeyId">The AccessKey that signed the request (nonces are scoped per AccessKeyId).</param>
/// <param name="Nonce">The nonce as sent (case-sensitive, 1–128 printable ASCII characters).</param>
/// <param name="ExpiresAt">When the entry may be purged.</param>
public readonly record struct NonceRecord(string AccessKeyId, string Nonce, DateTimeOffset ExpiresAt);
