namespace Coffer.Crypto.Asymmetric;

/// <summary>Key-pair specs Coffer generates (Alibaba's RSA_2048, RSA_3072, EC_P256, EC_P256K, EC_SM2).</summary>
public enum AsymmetricKeySpec
{
    /// <summary>RSA_2048.</summary>
    Rsa2048,

    /// <summary>RSA_3072.</summary>
    Rsa3072,

    /// <summary>EC_P256 (NIST P-256, secp256r1).</summary>
    EcP256,

    /// <summary>EC_P256K (secp256k1).</summary>
    EcP256K,

    /// <summary>EC_SM2 (sm2p256v1, GB/T 32918.5).</summary>
    EcSm2,
}

/// <summary>Signature algorithms over a caller-supplied 32-byte digest.</summary>
public enum SignatureAlgorithm
{
    /// <summary>RSA_PSS_SHA_256: RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt.</summary>
    RsaPssSha256,

    /// <summary>RSA_PKCS1_SHA_256: RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    RsaPkcs1Sha256,

    /// <summary>ECDSA_SHA_256: DER SEQUENCE{r,s}.</summary>
    EcdsaSha256,

    /// <summary>SM2DSA: DER SEQUENCE{r,s} over e = SM3(Z‖M) supplied by the caller.</summary>
    Sm2Dsa,
}

/// <summary>Public-key encryption algorithms.</summary>
public enum AsymmetricEncryptionAlgorithm
{
    /// <summary>RSAES_OAEP_SHA_256: OAEP with SHA-256 and MGF1-SHA-256, empty label.</summary>
    RsaesOaepSha256,

    /// <summary>RSAES_OAEP_SHA_1: OAEP with SHA-1 and MGF1-SHA-1, empty label.</summary>
    RsaesOaepSha1,

    /// <summary>SM2PKE: GM/T 0009 DER SEQUENCE{x, y, C3, C2}.</summary>
    Sm2Pke,

    /// <summary>
    /// RSAES_PKCS1_V1_5: only for unwrapping imported key material (GetParametersForImport offers it for Alibaba
    /// compatibility); every decryption failure must be answered alike.
    /// </summary>
    RsaesPkcs1V15,
}
