using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Secrets;

/// <summary>A secret's metadata; its values live in <see cref="SecretVersion"/> rows.</summary>
/// <param name="Account">Owner.</param>
/// <param name="Name">The secret name, unique per account.</param>
/// <param name="SecretType">Always <c>Generic</c> today.</param>
/// <param name="Description">Free text.</param>
/// <param name="EncryptionKeyId">The key protecting the values; null for the internal service key.</param>
/// <param name="CreateTime">Creation time.</param>
/// <param name="UpdateTime">Last change of metadata or versions.</param>
/// <param name="PlannedDeleteTime">Set while the secret is in its recovery window.</param>
/// <param name="Policy">The secret policy, stored verbatim; null for the default.</param>
/// <param name="Revision">Compare-and-swap counter.</param>
public sealed record Secret(
    AccountId Account,
    string Name,
    string SecretType,
    string Description,
    KeyId? EncryptionKeyId,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    DateTimeOffset? PlannedDeleteTime,
    string? Policy,
    long Revision);

/// <summary>One version of a secret: its stages and its value, sealed (never in the clear).</summary>
/// <param name="VersionId">Caller-chosen id, unique within the secret.</param>
/// <param name="CreateTime">Creation time.</param>
/// <param name="DataType"><c>text</c> or <c>binary</c>.</param>
/// <param name="Stages">Stage labels; empty for a deprecated version.</param>
/// <param name="SealedKey">The data key, sealed under the encryption key (a ciphertext blob) or the service key.</param>
/// <param name="Ciphertext">Nonce, ciphertext and tag of the value under the data key.</param>
public sealed record SecretVersion(
    string VersionId,
    DateTimeOffset CreateTime,
    string DataType,
    IReadOnlyList<string> Stages,
    byte[] SealedKey,
    byte[] Ciphertext);
