using Coffer.Core.Errors;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Mac;

namespace Coffer.Core.Keys;

/// <summary>
/// Alibaba's Algorithm names (ALIYUN_KMS_API.md §4.11) for AsymmetricSign/Verify, AsymmetricEncrypt/Decrypt and
/// GenerateMac/VerifyMac, and which spec each fits. An unknown name and a name the key's spec does not allow are
/// both InvalidParameter naming <c>Algorithm</c>.
/// </summary>
public static class KeyAlgorithms
{
    /// <summary>The parameter every algorithm failure names.</summary>
    public const string Parameter = "Algorithm";

    /// <summary>Parses a signature algorithm name (case-sensitive).</summary>
    /// <exception cref="KmsException">InvalidParameter Algorithm.</exception>
    public static SignatureAlgorithm ParseSignature(string name) => name switch
    {
        "RSA_PSS_SHA_256" => SignatureAlgorithm.RsaPssSha256,
        "RSA_PKCS1_SHA_256" => SignatureAlgorithm.RsaPkcs1Sha256,
        "ECDSA_SHA_256" => SignatureAlgorithm.EcdsaSha256,
        "SM2DSA" => SignatureAlgorithm.Sm2Dsa,
        _ => throw KmsException.Invalid(Parameter),
    };

    /// <summary>Parses a public-key encryption algorithm name (case-sensitive).</summary>
    /// <exception cref="KmsException">InvalidParameter Algorithm.</exception>
    public static AsymmetricEncryptionAlgorithm ParseEncryption(string name) => name switch
    {
        "RSAES_OAEP_SHA_256" => AsymmetricEncryptionAlgorithm.RsaesOaepSha256,
        "RSAES_OAEP_SHA_1" => AsymmetricEncryptionAlgorithm.RsaesOaepSha1,
        "SM2PKE" => AsymmetricEncryptionAlgorithm.Sm2Pke,
        _ => throw KmsException.Invalid(Parameter),
    };

    /// <summary>Parses a MAC algorithm name (case-sensitive).</summary>
    /// <exception cref="KmsException">InvalidParameter Algorithm.</exception>
    public static MacAlgorithm ParseMac(string name) => name switch
    {
        "HMAC_SHA_224" => MacAlgorithm.HmacSha224,
        "HMAC_SHA_256" => MacAlgorithm.HmacSha256,
        "HMAC_SHA_384" => MacAlgorithm.HmacSha384,
        "HMAC_SHA_512" => MacAlgorithm.HmacSha512,
        "HMAC_SM3" => MacAlgorithm.HmacSm3,
        _ => throw KmsException.Invalid(Parameter),
    };

    /// <summary>Alibaba's name of a MAC algorithm (GenerateMac and VerifyMac echo it).</summary>
    public static string Name(MacAlgorithm algorithm) => algorithm switch
    {
        MacAlgorithm.HmacSha224 => "HMAC_SHA_224",
        MacAlgorithm.HmacSha256 => "HMAC_SHA_256",
        MacAlgorithm.HmacSha384 => "HMAC_SHA_384",
        MacAlgorithm.HmacSha512 => "HMAC_SHA_512",
        MacAlgorithm.HmacSm3 => "HMAC_SM3",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Checks that a key-pair spec allows the signature algorithm.</summary>
    /// <exception cref="KmsException">InvalidParameter Algorithm.</exception>
    public static void EnsureFits(KeySpec spec, SignatureAlgorithm algorithm)
    {
        if (!AsymmetricSigner.Supports(KeySpecs.KeyPair(spec), algorithm))
        {
            throw KmsException.Invalid(Parameter);
        }
    }

    /// <summary>Checks that a key-pair spec allows the encryption algorithm.</summary>
    /// <exception cref="KmsException">InvalidParameter Algorithm.</exception>
    public static void EnsureFits(KeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        if (!AsymmetricCipher.Supports(KeySpecs.KeyPair(spec), algorithm))
        {
            throw KmsException.Invalid(Parameter);
        }
    }

    /// <summary>Checks that an HMAC spec computes the MAC algorithm.</summary>
    /// <exception cref="KmsException">InvalidParameter Algorithm.</exception>
    public static void EnsureFits(KeySpec spec, MacAlgorithm algorithm)
    {
        if (KeySpecs.Mac(spec) != algorithm)
        {
            throw KmsException.Invalid(Parameter);
        }
    }
}
