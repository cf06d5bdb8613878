using Coffer.Core.Keys;
using Coffer.Crypto.Aead;

namespace Coffer.Core.Tests.Keys;

public sealed class KeySpecsTests
{
    public static TheoryData<KeySpec> Specs => [.. Enum.GetValues<KeySpec>()];

    [Theory]
    [InlineData(KeySpec.AliyunAes256, "Aliyun_AES_256", 32, AeadAlgorithm.AesGcm)]
    [InlineData(KeySpec.AliyunAes128, "Aliyun_AES_128", 16, AeadAlgorithm.AesGcm)]
    [InlineData(KeySpec.AliyunAes192, "Aliyun_AES_192", 24, AeadAlgorithm.AesGcm)]
    [InlineData(KeySpec.AliyunSm4, "Aliyun_SM4", 16, AeadAlgorithm.Sm4Gcm)]
    public void Table_EverySpec_HasAlibabasNameItsLengthAndCipher(KeySpec spec, string name, int length, AeadAlgorithm cipher)
    {
        Assert.Equal(name, KeySpecs.Name(spec));
        Assert.Equal(length, KeySpecs.MaterialLength(spec));
        Assert.Equal(cipher, KeySpecs.Cipher(spec));
    }

    [Fact]
    public void Table_CoversEverySpec()
    {
        Assert.Equal(4, Enum.GetValues<KeySpec>().Length);
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
    [InlineData("RSA_2048")]
    [InlineData("")]
    public void TryParse_AnythingButTheExactName_Fails(string name)
    {
        Assert.False(KeySpecs.TryParse(name, out _));
    }

    [Fact]
    public void Name_UndefinedSpec_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.Name((KeySpec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySpecs.MaterialLength((KeySpec)99));
    }
}
