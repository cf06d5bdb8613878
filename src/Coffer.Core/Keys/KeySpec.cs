namespace Coffer.Core.Keys;

/// <summary>The kinds of key Coffer holds. Names, usages and material come from the one table in <see cref="KeySpecs"/>.</summary>
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

    /// <summary>RSA 2048-bit key pair.</summary>
    Rsa2048,

    /// <summary>RSA 3072-bit key pair.</summary>
    Rsa3072,

    /// <summary>NIST P-256 (secp256r1) key pair.</summary>
    EcP256,

    /// <summary>secp256k1 key pair.</summary>
    EcP256K,

    /// <summary>SM2 (sm2p256v1) key pair.</summary>
    EcSm2,

    /// <summary>HMAC-SHA-224 key.</summary>
    HmacSha224,

    /// <summary>HMAC-SHA-256 key.</summary>
    HmacSha256,

    /// <summary>HMAC-SHA-384 key.</summary>
    HmacSha384,

    /// <summary>HMAC-SHA-512 key.</summary>
    HmacSha512,

    /// <summary>HMAC-SM3 key.</summary>
    HmacSm3,
}
