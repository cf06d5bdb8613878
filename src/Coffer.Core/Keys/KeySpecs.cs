using Coffer.Crypto.Aead;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Mac;

namespace Coffer.Core.Keys;

/// <summary>
/// Names, material, usages and algorithms of each <see cref="KeySpec"/>, as one explicit table (ALIYUN_KMS_API.md
/// §4.1, DECISIONS.md "Keys and ciphertexts"). The first usage of a row is its default.
/// </summary>
public static class KeySpecs
{
    private static readonly Row[] Table =
    [
        SymmetricRow(KeySpec.AliyunAes256, "Aliyun_AES_256", 32, AeadAlgorithm.AesGcm),
        SymmetricRow(KeySpec.AliyunAes128, "Aliyun_AES_128", 16, AeadAlgorithm.AesGcm),
        SymmetricRow(KeySpec.AliyunAes192, "Aliyun_AES_192", 24, AeadAlgorithm.AesGcm),
        SymmetricRow(KeySpec.AliyunSm4, "Aliyun_SM4", 16, AeadAlgorithm.Sm4Gcm),
        PairRow(KeySpec.Rsa2048, "RSA_2048", AsymmetricKeySpec.Rsa2048, KeyUsages.SignVerify, KeyUsages.EncryptDecrypt),
        PairRow(KeySpec.Rsa3072, "RSA_3072", AsymmetricKeySpec.Rsa3072, KeyUsages.SignVerify, KeyUsages.EncryptDecrypt),
        PairRow(KeySpec.EcP256, "EC_P256", AsymmetricKeySpec.EcP256, KeyUsages.SignVerify),
        PairRow(KeySpec.EcP256K, "EC_P256K", AsymmetricKeySpec.EcP256K, KeyUsages.SignVerify),
        PairRow(KeySpec.EcSm2, "EC_SM2", AsymmetricKeySpec.EcSm2, KeyUsages.SignVerify, KeyUsages.EncryptDecrypt),
        HmacRow(KeySpec.HmacSha224, "HMAC_SHA224", MacAlgorithm.HmacSha224),
        HmacRow(KeySpec.HmacSha256, "HMAC_SHA256", MacAlgorithm.HmacSha256),
        HmacRow(KeySpec.HmacSha384, "HMAC_SHA384", MacAlgorithm.HmacSha384),
        HmacRow(KeySpec.HmacSha512, "HMAC_SHA512", MacAlgorithm.HmacSha512),
        HmacRow(KeySpec.HmacSm3, "HMAC_SM3", MacAlgorithm.HmacSm3),
    ];

    /// <summary>Every spec, in the table's order.</summary>
    public static IReadOnlyList<KeySpec> All { get; } = [.. Table.Select(r => r.Spec)];

    /// <summary>Alibaba's name for the spec (also the stored form).</summary>
    public static string Name(KeySpec spec) => Get(spec).Name;

    /// <summary>Parses Alibaba's case-sensitive name.</summary>
    public static bool TryParse(string name, out KeySpec spec)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, name, StringComparison.Ordinal))
            {
                spec = row.Spec;
                return true;
            }
        }

        spec = default;
        return false;
    }

    /// <summary>What the spec's version material is.</summary>
    public static KeyMaterialKind Kind(KeySpec spec) => Get(spec).Kind;

    /// <summary>The KeyUsage CreateKey gives a key of this spec when none is asked for.</summary>
    public static string DefaultUsage(KeySpec spec) => Get(spec).Usages[0];

    /// <summary>Whether <paramref name="usage"/> (Alibaba's exact text) is possible for the spec.</summary>
    public static bool AllowsUsage(KeySpec spec, string usage) => Get(spec).Usages.Contains(usage, StringComparer.Ordinal);

    /// <summary>Length in bytes of a symmetric or HMAC version's material.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A key-pair spec (its material is a PKCS#8 document).</exception>
    public static int MaterialLength(KeySpec spec) =>
        Get(spec).MaterialLength is > 0 and var length ? length : throw new ArgumentOutOfRangeException(nameof(spec));

    /// <summary>The AEAD a symmetric spec encrypts with.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a symmetric spec.</exception>
    public static AeadAlgorithm Cipher(KeySpec spec) => Get(spec).Cipher ?? throw new ArgumentOutOfRangeException(nameof(spec));

    /// <summary>The Coffer.Crypto spec a key-pair spec generates.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a key-pair spec.</exception>
    public static AsymmetricKeySpec KeyPair(KeySpec spec) => Get(spec).KeyPair ?? throw new ArgumentOutOfRangeException(nameof(spec));

    /// <summary>The only MAC algorithm an HMAC spec computes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an HMAC spec.</exception>
    public static MacAlgorithm Mac(KeySpec spec) => Get(spec).Mac ?? throw new ArgumentOutOfRangeException(nameof(spec));

    private static Row Get(KeySpec spec) =>
        (int)spec >= 0 && (int)spec < Table.Length && Table[(int)spec].Spec == spec ? Table[(int)spec] : throw new ArgumentOutOfRangeException(nameof(spec));

    private static Row SymmetricRow(KeySpec spec, string name, int length, AeadAlgorithm cipher) =>
        new(spec, name, KeyMaterialKind.Symmetric, [KeyUsages.EncryptDecrypt], length, cipher, null, null);

    private static Row PairRow(KeySpec spec, string name, AsymmetricKeySpec pair, params string[] usages) =>
        new(spec, name, KeyMaterialKind.KeyPair, usages, 0, null, pair, null);

    private static Row HmacRow(KeySpec spec, string name, MacAlgorithm mac) =>
        new(spec, name, KeyMaterialKind.Hmac, [KeyUsages.GenerateVerifyMac], Hmac.Length(mac), null, null, mac);

    private sealed record Row(
        KeySpec Spec,
        string Name,
        KeyMaterialKind Kind,
        string[] Usages,
        int MaterialLength,
        AeadAlgorithm? Cipher,
        AsymmetricKeySpec? KeyPair,
        MacAlgorithm? Mac);
}
