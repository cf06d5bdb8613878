using Coffer.Core.Errors;
using Coffer.Core.Requests;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Keys;

/// <summary>
/// Who an exported data key is for (ExportDataKey, GenerateAndExportDataKey): the caller's public key
/// (PublicKeyBlob, a base64 DER SubjectPublicKeyInfo) and how to encrypt to it (WrappingAlgorithm for
/// WrappingKeySpec). The raw data-key bytes are what gets encrypted.
/// </summary>
public sealed class DataKeyRecipient
{
    /// <summary>Wire name of the public key parameter.</summary>
    public const string PublicKeyParameter = "PublicKeyBlob";

    /// <summary>Wire name of the algorithm parameter.</summary>
    public const string AlgorithmParameter = "WrappingAlgorithm";

    /// <summary>Wire name of the key spec parameter.</summary>
    public const string KeySpecParameter = "WrappingKeySpec";

    private const int Rsa2048ModulusBytes = 256;

    private readonly Algorithm _algorithm;
    private readonly byte[] _publicKey;

    private DataKeyRecipient(Algorithm algorithm, byte[] publicKey)
    {
        _algorithm = algorithm;
        _publicKey = publicKey;
    }

    private enum Algorithm
    {
        RsaesPkcs1V15,
        RsaesOaepSha1,
        RsaesOaepSha256,
        Sm2Pke,
    }

    /// <summary>
    /// The longest data key this recipient can take: RSA-2048 leaves 245 bytes under PKCS#1 v1.5, 214 under OAEP
    /// SHA-1 and 190 under OAEP SHA-256; SM2PKE takes any data key Coffer makes.
    /// </summary>
    public int MaxDataKeyLength => _algorithm switch
    {
        Algorithm.RsaesPkcs1V15 => Rsa2048ModulusBytes - 11,
        Algorithm.RsaesOaepSha1 => Rsa2048ModulusBytes - (2 * 20) - 2,
        Algorithm.RsaesOaepSha256 => Rsa2048ModulusBytes - (2 * 32) - 2,
        _ => int.MaxValue,
    };

    /// <summary>
    /// Reads the three parameters (step 13 of the order of checks): PublicKeyBlob must be base64, WrappingAlgorithm
    /// and WrappingKeySpec known names, the algorithm one the spec allows (RSA_2048: RSAES_PKCS1_V1_5,
    /// RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256; EC_SM2: SM2PKE), and the public key a key of that spec.
    /// </summary>
    /// <exception cref="KmsException">InvalidParameter naming the first parameter that fails, in that order.</exception>
    public static DataKeyRecipient Parse(string publicKeyBlob, string wrappingAlgorithm, string wrappingKeySpec)
    {
        var publicKey = Base64Parameter.Decode(publicKeyBlob, PublicKeyParameter);
        var algorithm = wrappingAlgorithm switch
        {
            "RSAES_PKCS1_V1_5" => Algorithm.RsaesPkcs1V15,
            "RSAES_OAEP_SHA_1" => Algorithm.RsaesOaepSha1,
            "RSAES_OAEP_SHA_256" => Algorithm.RsaesOaepSha256,
            "SM2PKE" => Algorithm.Sm2Pke,
            _ => throw KmsException.Invalid(AlgorithmParameter),
        };
        var spec = wrappingKeySpec switch
        {
            "RSA_2048" => AsymmetricKeySpec.Rsa2048,
            "EC_SM2" => AsymmetricKeySpec.EcSm2,
            _ => throw KmsException.Invalid(KeySpecParameter),
        };
        if ((spec == AsymmetricKeySpec.EcSm2) != (algorithm == Algorithm.Sm2Pke))
        {
            throw KmsException.Invalid(AlgorithmParameter);
        }

        return PublicKeyCheck.Fits(spec, publicKey) ? new DataKeyRecipient(algorithm, publicKey) : throw KmsException.Invalid(PublicKeyParameter);
    }

    /// <summary>Encrypts <paramref name="dataKey"/> (at most <see cref="MaxDataKeyLength"/> bytes) to the public key.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataKey.Length, MaxDataKeyLength);
        return _algorithm switch
        {
            Algorithm.RsaesPkcs1V15 => AsymmetricCipher.EncryptRsaPkcs1V15(_publicKey, dataKey),
            Algorithm.RsaesOaepSha1 => AsymmetricCipher.Encrypt(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1, _publicKey, dataKey),
            Algorithm.RsaesOaepSha256 => AsymmetricCipher.Encrypt(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256, _publicKey, dataKey),
            _ => AsymmetricCipher.Encrypt(AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke, _publicKey, dataKey),
        };
    }
}
