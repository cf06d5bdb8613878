namespace Coffer.Core.Keys;

/// <summary>The groups of calls the key-state table of ALIYUN_KMS_API.md §4.3 distinguishes.</summary>
public enum KeyAction
{
    /// <summary>CreateKey, DescribeKey, ListKeys, ListAliases, DeleteAlias, tag listing, DescribeKeyVersion, ListKeyVersions, GetKeyPolicy.</summary>
    Read,

    /// <summary>Every call that uses key material: Encrypt, Decrypt, GenerateDataKey*, ReEncrypt (both keys), Asymmetric*, GetPublicKey, GenerateMac, VerifyMac.</summary>
    UseMaterial,

    /// <summary>UpdateKeyDescription, TagResource(s), UntagResource(s), SetKeyPolicy, SetDeletionProtection.</summary>
    Modify,

    /// <summary>EnableKey and DisableKey.</summary>
    EnableDisable,

    /// <summary>ScheduleKeyDeletion.</summary>
    ScheduleDeletion,

    /// <summary>CancelKeyDeletion.</summary>
    CancelDeletion,

    /// <summary>CreateAlias (the target key).</summary>
    CreateAlias,

    /// <summary>UpdateAlias (the new target key).</summary>
    UpdateAlias,

    /// <summary>CreateKeyVersion and UpdateRotationPolicy.</summary>
    Rotate,
}
