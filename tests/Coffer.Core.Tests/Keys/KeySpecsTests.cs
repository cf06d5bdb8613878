using Coffer.Core.Keys;
using Coffer.Crypto.Aead;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Mac;

namespace Coffer.Core.Tests.Keys;

public sealed class KeySpecsTests
{
    public static TheoryData<KeySpec> Specs => [.. Enum.GetValues<KeySpec>()];

    [Theory]
    [InlineData(KeySpec.AliyunAes256, "Aliyun_AES_256", 32, AeadAlgorithm.AesGcm)]
    [InlineData(KeySpec.AliyunAes128, "Aliyun_AES_128", 16, AeadAlgorithm.AesGcm)]
    [InlineData(KeySpec.AliyunAes192, "Aliyun_AES_192", 24, AeadAlgorithm.AesGcm)]
    [InlineData(KeySpec.AliyunSm4, "Aliyun_SM4", 16, AeadAlgorithm.Sm4Gcm)]
    public void Table_SymmetricSpec_HasAlibabasNameItsLengthAndCipher(KeySpec spec, string name, int length, AeadAlgorithm cipher)
    {
        Assert.Equal(name, KeySpecs.Name(spec));
        Assert.Equal(KeyMaterialKind.Symmetric, KeySpecs.Kind(spec));
        Assert.Equal(length, KeySpecs.MaterialLength(spec));
        Assert.Equal(cipher, KeySpecs.Cipher(spec));
        Assert.Equal("ENCRYPT/DECRYPT", KeySpecs.DefaultUsage(spec));
        Assert.True(KeySpecs.AllowsUsage(spec, "ENCRYPT/DECRYPT"));
        Assert.False(KeySpecs.AllowsUsage(spec, "SIGN/VERIFY"));
        Assert.False(KeySpecs.AllowsUsage(spec, "GENERATE/VERIFY_MAC"));
    }

    [Theory]
    [InlineData(KeySpec.Rsa2048, "RSA_2048", AsymmetricKeySpec.Rsa2048, true)]
    [InlineData(KeySpec.Rsa3072, "RSA_3072", AsymmetricKeySpec.Rsa3072, true)]
    [InlineData(KeySpec.EcP256, "EC_P256", AsymmetricKeySpec.EcP256, false)]
    [InlineData(KeySpec.EcP256K, "EC_P256K", AsymmetricKeySpec.EcP256K, false)]
    [InlineData(KeySpec.EcSm2, "EC_SM2", AsymmetricKeySpec.EcSm2, true)]
    public void Table_KeyPairSpec_DefaultsToSignVerifyAndEncryptsOnlyWhereAlibabaAllows(
        KeySpec spec, string name, AsymmetricKeySpec pair, bool canEncrypt)
    {
        Assert.Equal(name, KeySpecs.Name(spec));
        Assert.Equal(KeyMaterialKind.KeyPair, KeySpecs.Kind(spec));
        Assert.Equal(pair, KeySpecs.KeyPair(spec));
        Assert.Equal("SIGN/VERIFY", KeySpecs.DefaultUsage(spec));
        Assert.True(KeySpecs.AllowsUsage(spec, "SIGN/VERIFY"));
        Assert.Equal(canEncrypt, KeySpecs.AllowsUsage(spec, "ENCRYPT/DECRYPT"));
        Assert.False(KeySpecs.AllowsUsage(spec, "GENERATE/VERIFY_MAC"));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.MaterialLength(spec));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.Cipher(spec));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.Mac(spec));
    }

    [Theory]
    [InlineData(KeySpec.HmacSha224, "HMAC_SHA224", MacAlgorithm.HmacSha224, 28)]
    [InlineData(KeySpec.HmacSha256, "HMAC_SHA256", MacAlgorithm.HmacSha256, 32)]
    [InlineData(KeySpec.HmacSha384, "HMAC_SHA384", MacAlgorithm.HmacSha384, 48)]
    [InlineData(KeySpec.HmacSha512, "HMAC_SHA512", MacAlgorithm.HmacSha512, 64)]
    [InlineData(KeySpec.HmacSm3, "HMAC_SM3", MacAlgorithm.HmacSm3, 32)]
    public void Table_HmacSpec_HasOneUsageAndMaterialAsLongAsItsHash(KeySpec spec, string name, MacAlgorithm mac, int length)
    {
        Assert.Equal(name, KeySpecs.Name(spec));
        Assert.Equal(KeyMaterialKind.Hmac, KeySpecs.Kind(spec));
        Assert.Equal(mac, KeySpecs.Mac(spec));
        Assert.Equal(length, KeySpecs.MaterialLength(spec));
        Assert.Equal("GENERATE/VERIFY_MAC", KeySpecs.DefaultUsage(spec));
        Assert.False(KeySpecs.AllowsUsage(spec, "ENCRYPT/DECRYPT"));
        Assert.False(KeySpecs.AllowsUsage(spec, "SIGN/VERIFY"));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.KeyPair(spec));
    }

    [Fact]
    public void Table_CoversEverySpec()
    {
        Assert.Equal(14, Enum.GetValues<KeySpec>().Length);
        Assert.Equal(Enum.GetValues<KeySpec>(), KeySpecs.All);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void TryParse_NameOfEverySpec_RoundTrips(KeySpec spec)
    {
        var parsed = KeySpecs.TryParse(KeySpecs.Name(spec), out var result);

        Assert.True(parsed);
        Assert.Equal(spec, result);
    }

    [Theory]
    [InlineData("aliyun_aes_256")]
    [InlineData("ALIYUN_AES_256")]
    [InlineData("Aliyun_Aes_256")]
    [InlineData("Aliyun_sm4")]
    [InlineData("Aliyun_AES_256 ")]
    [InlineData("AES_256")]
    [InlineData("AliyunAes256")]
    [InlineData("Aliyun_AES_512")]
    [InlineData("RSA_4096")]
    [InlineData("rsa_2048")]
    [InlineData("EC_P384")]
    [InlineData("HMAC_SHA_256")]
    [InlineData("HMAC_SHA1")]
    [InlineData("")]
    public void TryParse_AnythingButTheExactName_Fails(string name)
    {
        Assert.False(KeySpecs.TryParse(name, out _));
    }

    [Theory]
    [InlineData("encrypt/decrypt")]
    [InlineData("SIGN")]
    [InlineData("SIGN/VERIFY ")]
    [InlineData("")]
    public void AllowsUsage_AnythingButTheExactText_IsFalse(string usage)
    {
        Assert.All(KeySpecs.All, spec => Assert.False(KeySpecs.AllowsUsage(spec, usage)));
    }

    [Fact]
    public void Name_UndefinedSpec_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.Name((KeySpec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.MaterialLength((KeySpec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.Kind((KeySpec)(-1)));
    }
}
