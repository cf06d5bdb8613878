namespace Coffer.Core.Keys;

/// <summary>The kinds of key Coffer holds. Names on the wire and in storage come from <see cref="KeySpecs"/>.</summary>
public enum KeySpec
{
    /// <summary>AES-256-GCM, the default.</summary>
    AliyunAes256,

    /// <summary>AES-128-GCM.</summary>
    AliyunAes128,

    /// <summary>AES-192-GCM.</summary>
    AliyunAes192,

    /// <summary>SM4-GCM.</summary>
    AliyunSm4,
}
