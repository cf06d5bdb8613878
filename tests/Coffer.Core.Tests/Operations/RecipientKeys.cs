using Coffer.Crypto.Asymmetric;

namespace Coffer.Core.Tests.Operations;

/// <summary>
/// Recipient key pairs for the data-key export tests, made once per test run by Coffer.Crypto, and the unwrapping a
/// recipient would do (RSAES-PKCS1-v1_5 has no decryption in Coffer.Crypto: the server's openssl interop tests and
/// Coffer.Crypto.Tests decrypt it).
/// </summary>
internal static class RecipientKeys
{
    private static readonly Lazy<AsymmetricKeyPair> LazyRsa2048 = new(() => AsymmetricKeys.Generate(AsymmetricKeySpec.Rsa2048));
    private static readonly Lazy<AsymmetricKeyPair> LazyRsa3072 = new(() => AsymmetricKeys.Generate(AsymmetricKeySpec.Rsa3072));
    private static readonly Lazy<AsymmetricKeyPair> LazySm2 = new(() => AsymmetricKeys.Generate(AsymmetricKeySpec.EcSm2));
    private static readonly Lazy<AsymmetricKeyPair> LazyP256 = new(() => AsymmetricKeys.Generate(AsymmetricKeySpec.EcP256));

    /// <summary>WrappingAlgorithm and WrappingKeySpec pairs Coffer accepts.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        { "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "RSAES_OAEP_SHA_1", "RSA_2048" },
        { "RSAES_PKCS1_V1_5", "RSA_2048" },
        { "SM2PKE", "EC_SM2" },
    };

    public static AsymmetricKeyPair Rsa2048 => LazyRsa2048.Value;

    public static AsymmetricKeyPair Rsa3072 => LazyRsa3072.Value;

    public static AsymmetricKeyPair Sm2 => LazySm2.Value;

    public static AsymmetricKeyPair P256 => LazyP256.Value;

    /// <summary>The key pair for a WrappingKeySpec.</summary>
    public static AsymmetricKeyPair For(string wrappingKeySpec) => wrappingKeySpec == "EC_SM2" ? Sm2 : Rsa2048;

    /// <summary>Base64 SubjectPublicKeyInfo, as a caller sends PublicKeyBlob.</summary>
    public static string PublicKeyBlob(AsymmetricKeyPair pair) => Convert.ToBase64String(pair.SubjectPublicKeyInfo);

    /// <summary>
    /// Decrypts an ExportedDataKey with the recipient's private key; null for RSAES_PKCS1_V1_5, after checking that it
    /// is a 256-byte RSA ciphertext that does not open as OAEP.
    /// </summary>
    public static byte[]? Unwrap(string algorithm, byte[] exported)
    {
        var (spec, oaep) = algorithm switch
        {
            "RSAES_OAEP_SHA_256" => (AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256),
            "RSAES_OAEP_SHA_1" => (AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha1),
            "SM2PKE" => (AsymmetricKeySpec.EcSm2, AsymmetricEncryptionAlgorithm.Sm2Pke),
            _ => (AsymmetricKeySpec.Rsa2048, (AsymmetricEncryptionAlgorithm?)null),
        };
        var pair = spec == AsymmetricKeySpec.EcSm2 ? Sm2 : Rsa2048;
        if (oaep is null)
        {
            Assert.Equal(256, exported.Length);
            Assert.False(AsymmetricCipher.TryDecrypt(spec, AsymmetricEncryptionAlgorithm.RsaesOaepSha256, pair.PrivateKeyPkcs8.Span, exported, out _));
            Assert.False(AsymmetricCipher.TryDecrypt(spec, AsymmetricEncryptionAlgorithm.RsaesOaepSha1, pair.PrivateKeyPkcs8.Span, exported, out _));
            return null;
        }

        Assert.True(AsymmetricCipher.TryDecrypt(spec, oaep.Value, pair.PrivateKeyPkcs8.Span, exported, out var plaintext));
        return plaintext;
    }
}
