using Coffer.Crypto.Aead;

namespace Coffer.Core.Keys;

/// <summary>Names, material sizes and ciphers of each <see cref="KeySpec"/>, as one explicit table.</summary>
public static class KeySpecs
{
    /// <summary>Alibaba's name for the spec (also the stored form).</summary>
    public static string Name(KeySpec spec) => spec switch
    {
        KeySpec.AliyunAes256 => "Aliyun_AES_256",
        KeySpec.AliyunAes128 => "Aliyun_AES_128",
        KeySpec.AliyunAes192 => "Aliyun_AES_192",
        KeySpec.AliyunSm4 => "Aliyun_SM4",
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>Parses Alibaba's case-sensitive name.</summary>
    public static bool TryParse(string name, out KeySpec spec)
    {
        (var ok, spec) = name switch
        {
            "Aliyun_AES_256" => (true, KeySpec.AliyunAes256),
            "Aliyun_AES_128" => (true, KeySpec.AliyunAes128),
            "Aliyun_AES_192" => (true, KeySpec.AliyunAes192),
            "Aliyun_SM4" => (true, KeySpec.AliyunSm4),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Length of a version's material in bytes.</summary>
    public static int MaterialLength(KeySpec spec) => spec switch
    {
        KeySpec.AliyunAes256 => 32,
        KeySpec.AliyunAes128 => 16,
        KeySpec.AliyunAes192 => 24,
        KeySpec.AliyunSm4 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>The AEAD a symmetric spec encrypts with.</summary>
    public static AeadAlgorithm Cipher(KeySpec spec) =>
        spec == KeySpec.AliyunSm4 ? AeadAlgorithm.Sm4Gcm : AeadAlgorithm.AesGcm;
}
