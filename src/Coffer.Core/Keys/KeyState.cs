namespace Coffer.Core.Keys;

/// <summary>Lifecycle states of a key (ALIYUN_KMS_API.md §4.3).</summary>
public enum KeyState
{
    /// <summary>Usable.</summary>
    Enabled,

    /// <summary>Turned off by the owner; material kept.</summary>
    Disabled,

    /// <summary>Scheduled for deletion.</summary>
    PendingDeletion,

    /// <summary>EXTERNAL key without live material.</summary>
    PendingImport,
}
