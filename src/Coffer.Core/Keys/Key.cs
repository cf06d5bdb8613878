using Coffer.Core.Accounts;

namespace Coffer.Core.Keys;

/// <summary>A customer master key's metadata. Material lives in its <see cref="KeyVersion"/>s, wrapped.</summary>
/// <param name="Account">Owning account.</param>
/// <param name="Id">Key ID.</param>
/// <param name="Spec">Key spec.</param>
/// <param name="Usage">Alibaba's KeyUsage text (ENCRYPT/DECRYPT).</param>
/// <param name="Origin">Alibaba's Origin text (Aliyun_KMS).</param>
/// <param name="ProtectionLevel">Alibaba's ProtectionLevel text (SOFTWARE).</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Description">Free text, possibly empty.</param>
/// <param name="CreationDate">When it was created.</param>
/// <param name="PrimaryVersion">The version new encryptions use.</param>
/// <param name="LastRotationDate">When the primary version was made.</param>
/// <param name="DeleteDate">When a PendingDeletion key goes; null otherwise.</param>
/// <param name="DeletionProtection">Whether deletion is refused.</param>
/// <param name="Revision">Compare-and-swap counter.</param>
/// <param name="AutomaticRotation">Automatic rotation setting.</param>
/// <param name="RotationInterval">Interval while rotation is Enabled or Suspended; null otherwise.</param>
/// <param name="NextRotationDate">When the scheduler rotates next (kept while Suspended); null while rotation is Disabled.</param>
/// <param name="DeletionProtectionDescription">Free text stored with deletion protection.</param>
/// <param name="Policy">The stored key policy document, verbatim; null for the default policy.</param>
public sealed record Key(
    AccountId Account,
    KeyId Id,
    KeySpec Spec,
    string Usage,
    string Origin,
    string ProtectionLevel,
    KeyState State,
    string Description,
    DateTimeOffset CreationDate,
    KeyVersionId PrimaryVersion,
    DateTimeOffset LastRotationDate,
    DateTimeOffset? DeleteDate,
    bool DeletionProtection,
    long Revision,
    AutomaticRotation AutomaticRotation = AutomaticRotation.Disabled,
    TimeSpan? RotationInterval = null,
    DateTimeOffset? NextRotationDate = null,
    string DeletionProtectionDescription = "",
    string? Policy = null);
