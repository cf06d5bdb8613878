using Coffer.Core.Errors;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Import;

/// <summary>
/// GetParametersForImport's WrappingKeySpec and WrappingAlgorithm: RSA_2048 with RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1 or
/// RSAES_OAEP_SHA_256; EC_SM2 with SM2PKE. Names are Alibaba's, case-sensitive, and also the stored form.
/// </summary>
/// <param name="Spec">The wrapping key pair's spec.</param>
/// <param name="Algorithm">How the caller wraps the material to its public key.</param>
public sealed record WrappingParameters(AsymmetricKeySpec Spec, AsymmetricEncryptionAlgorithm Algorithm)
{
    /// <summary>Alibaba's name of the spec.</summary>
    public string SpecName => Spec switch
    {
        AsymmetricKeySpec.Rsa2048 => "RSA_2048",
        AsymmetricKeySpec.EcSm2 => "EC_SM2",
        _ => throw new InvalidOperationException("Not a wrapping key spec."),
    };

    /// <summary>Alibaba's name of the algorithm.</summary>
    public string AlgorithmName => Algorithm switch
    {
        AsymmetricEncryptionAlgorithm.RsaesPkcs1V15 => "RSAES_PKCS1_V1_5",
        AsymmetricEncryptionAlgorithm.RsaesOaepSha1 => "RSAES_OAEP_SHA_1",
        AsymmetricEncryptionAlgorithm.RsaesOaepSha256 => "RSAES_OAEP_SHA_256",
        AsymmetricEncryptionAlgorithm.Sm2Pke => "SM2PKE",
        _ => throw new InvalidOperationException("Not a wrapping algorithm."),
    };

    /// <summary>Parses the two wire values (step 13 of the order of checks).</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter naming WrappingAlgorithm (unknown, or not fitting the spec) or WrappingKeySpec (unknown).
    /// </exception>
    public static WrappingParameters Parse(string algorithm, string spec)
    {
        AsymmetricEncryptionAlgorithm parsedAlgorithm = algorithm switch
        {
            "RSAES_PKCS1_V1_5" => AsymmetricEncryptionAlgorithm.RsaesPkcs1V15,
            "RSAES_OAEP_SHA_1" => AsymmetricEncryptionAlgorithm.RsaesOaepSha1,
            "RSAES_OAEP_SHA_256" => AsymmetricEncryptionAlgorithm.RsaesOaepSha256,
            "SM2PKE" => AsymmetricEncryptionAlgorithm.Sm2Pke,
            _ => throw KmsException.Invalid("WrappingAlgorithm"),
        };
        AsymmetricKeySpec parsedSpec = spec switch
        {
            "RSA_2048" => AsymmetricKeySpec.Rsa2048,
            "EC_SM2" => AsymmetricKeySpec.EcSm2,
            _ => throw KmsException.Invalid("WrappingKeySpec"),
        };
        return AsymmetricCipher.Supports(parsedSpec, parsedAlgorithm)
            ? new WrappingParameters(parsedSpec, parsedAlgorithm)
            : throw KmsException.Invalid("WrappingAlgorithm");
    }
}
