using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Tests.Operations;

namespace Coffer.Core.Tests.Keys;

public sealed class DataKeyRecipientTests
{
    public static TheoryData<string, string> Pairs => RecipientKeys.Pairs;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Parse_EveryAcceptedPair_WrapsForThatKey(string algorithm, string keySpec)
    {
        var recipient = DataKeyRecipient.Parse(RecipientKeys.PublicKeyBlob(RecipientKeys.For(keySpec)), algorithm, keySpec);
        byte[] dataKey = [1, 2, 3, 4, 5, 6, 7, 8];

        var wrapped = recipient.Wrap(dataKey);

        var unwrapped = RecipientKeys.Unwrap(algorithm, wrapped);
        if (unwrapped is not null)
        {
            Assert.Equal(dataKey, unwrapped);
        }
    }

    [Theory]
    [InlineData("RSAES_PKCS1_V1_5", 245)]
    [InlineData("RSAES_OAEP_SHA_1", 214)]
    [InlineData("RSAES_OAEP_SHA_256", 190)]
    public void MaxDataKeyLength_Rsa2048_IsWhatThePaddingLeavesAndWraps(string algorithm, int expected)
    {
        var recipient = DataKeyRecipient.Parse(RecipientKeys.PublicKeyBlob(RecipientKeys.Rsa2048), algorithm, "RSA_2048");
        var dataKey = new byte[expected];
        dataKey[0] = 0x5a;

        Assert.Equal(expected, recipient.MaxDataKeyLength);
        var unwrapped = RecipientKeys.Unwrap(algorithm, recipient.Wrap(dataKey));
        Assert.True(unwrapped is null || unwrapped.AsSpan().SequenceEqual(dataKey));
        Assert.Throws<ArgumentOutOfRangeException>(() => recipient.Wrap(new byte[expected + 1]));
    }

    [Fact]
    public void MaxDataKeyLength_Sm2_TakesTheLongestDataKey()
    {
        var recipient = DataKeyRecipient.Parse(RecipientKeys.PublicKeyBlob(RecipientKeys.Sm2), "SM2PKE", "EC_SM2");
        var dataKey = new byte[1024];
        dataKey[^1] = 7;

        Assert.True(recipient.MaxDataKeyLength >= 1024);
        Assert.Equal(dataKey, RecipientKeys.Unwrap("SM2PKE", recipient.Wrap(dataKey)));
    }

    [Theory]
    [InlineData("rsaes_oaep_sha_256", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_384", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("RSA_PKCS1_SHA_256", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("SM2PKE", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_256", "EC_SM2", "WrappingAlgorithm")]
    [InlineData("RSAES_PKCS1_V1_5", "EC_SM2", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_3072", "WrappingKeySpec")]
    [InlineData("RSAES_OAEP_SHA_256", "rsa_2048", "WrappingKeySpec")]
    [InlineData("SM2PKE", "EC_P256", "WrappingKeySpec")]
    [InlineData("Nope", "Nope", "WrappingAlgorithm")]
    public void Parse_UnknownOrMismatchedNames_ThrowsInvalidParameterNamingIt(string algorithm, string keySpec, string expected)
    {
        var pair = keySpec == "EC_SM2" ? RecipientKeys.Sm2 : RecipientKeys.Rsa2048;

        var error = Assert.Throws<KmsException>(() => DataKeyRecipient.Parse(RecipientKeys.PublicKeyBlob(pair), algorithm, keySpec));

        Assert.Equal((KmsErrorCode.InvalidParameter, expected), (error.Code, error.Detail));
    }

    public static TheoryData<string, string, string> WrongKeys => new()
    {
        { "RSA_3072 key", "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "SM2 key", "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "P-256 key", "RSAES_PKCS1_V1_5", "RSA_2048" },
        { "RSA_2048 key", "SM2PKE", "EC_SM2" },
        { "P-256 key", "SM2PKE", "EC_SM2" },
        { "not base64", "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "not a key", "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "trailing byte", "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "private key", "SM2PKE", "EC_SM2" },
    };

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public void Parse_PublicKeyNotOfTheSpec_ThrowsInvalidParameterPublicKeyBlob(string what, string algorithm, string keySpec)
    {
        var blob = what switch
        {
            "RSA_3072 key" => RecipientKeys.PublicKeyBlob(RecipientKeys.Rsa3072),
            "SM2 key" => RecipientKeys.PublicKeyBlob(RecipientKeys.Sm2),
            "P-256 key" => RecipientKeys.PublicKeyBlob(RecipientKeys.P256),
            "RSA_2048 key" => RecipientKeys.PublicKeyBlob(RecipientKeys.Rsa2048),
            "not base64" => "MIIB!IjAN",
            "not a key" => Convert.ToBase64String("hello, world"u8),
            "trailing byte" => Convert.ToBase64String([.. RecipientKeys.Rsa2048.SubjectPublicKeyInfo, 0]),
            _ => Convert.ToBase64String(RecipientKeys.Sm2.PrivateKeyPkcs8.Span),
        };

        var error = Assert.Throws<KmsException>(() => DataKeyRecipient.Parse(blob, algorithm, keySpec));

        Assert.Equal((KmsErrorCode.InvalidParameter, "PublicKeyBlob"), (error.Code, error.Detail));
    }

    [Fact]
    public void Parse_BadBase64AndUnknownAlgorithm_NamesPublicKeyBlobFirst()
    {
        var error = Assert.Throws<KmsException>(() => DataKeyRecipient.Parse("***", "Nope", "RSA_2048"));

        Assert.Equal("PublicKeyBlob", error.Detail);
    }

    [Fact]
    public void Parse_WrongKeyTypeAndUnknownAlgorithm_NamesWrappingAlgorithmFirst()
    {
        // The key can only be judged against a known spec, so the names are checked first.
        var error = Assert.Throws<KmsException>(() => DataKeyRecipient.Parse(RecipientKeys.PublicKeyBlob(RecipientKeys.Sm2), "Nope", "RSA_2048"));

        Assert.Equal("WrappingAlgorithm", error.Detail);
    }
}
