using System.Text.Json;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class AsymmetricVerifyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("RSA_2048", "RSA_PSS_SHA_256")]
    [InlineData("RSA_2048", "RSA_PKCS1_SHA_256")]
    [InlineData("EC_P256", "ECDSA_SHA_256")]
    [InlineData("EC_P256K", "ECDSA_SHA_256")]
    [InlineData("EC_SM2", "SM2DSA")]
    public async Task AsymmetricVerify_OwnSignature_IsTrueAndATamperedOneFalse(string spec, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec);
        var digest = RandomDigest();
        var signature = Convert.FromBase64String(Expect.Ok(await factory.Client.CallAsync("AsymmetricSign", Params.Of(
            ("Algorithm", algorithm), ("Digest", Convert.ToBase64String(digest)), ("KeyId", keyId), ("KeyVersionId", versionId))))
            .GetProperty("Value").GetString()!);
        var flipped = (byte[])signature.Clone();
        flipped[^1] ^= 1;
        var otherDigest = RandomDigest();

        var good = Expect.Ok(await Verify(keyId, versionId, algorithm, digest, signature));
        var badSignature = Expect.Ok(await Verify(keyId, versionId, algorithm, digest, flipped));
        var badDigest = Expect.Ok(await Verify(keyId, versionId, algorithm, otherDigest, signature));

        Assert.Equal(["RequestId", "KeyId", "KeyVersionId", "Value"], good.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.True, good.GetProperty("Value").ValueKind);
        Assert.Equal(JsonValueKind.False, badSignature.GetProperty("Value").ValueKind);
        Assert.Equal(JsonValueKind.False, badDigest.GetProperty("Value").ValueKind);
    }

    [Fact]
    public async Task AsymmetricVerify_Xml_RendersValueAsTrue()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");
        var digest = RandomDigest();
        var signature = Expect.Ok(await factory.Client.CallAsync("AsymmetricSign", Params.Of(
            ("Algorithm", "ECDSA_SHA_256"), ("Digest", Convert.ToBase64String(digest)), ("KeyId", keyId), ("KeyVersionId", versionId))))
            .GetProperty("Value").GetString()!;

        var response = await factory.Client.CallAsync("AsymmetricVerify", Params.Of(
            ("Algorithm", "ECDSA_SHA_256"), ("Digest", Convert.ToBase64String(digest)), ("KeyId", keyId), ("KeyVersionId", versionId),
            ("Value", signature), ("Format", "XML")));

        Assert.Contains("<Value>true</Value>", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MAo=")]
    [InlineData("AAAA")]
    [InlineData("MEUCIQD//////////////////////////////////////////wIgAQ==")]
    public async Task AsymmetricVerify_WellFormedBase64ThatIsNoSignature_IsFalse(string value)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await factory.Client.CallAsync("AsymmetricVerify", Params.Of(
            ("Algorithm", "ECDSA_SHA_256"), ("Digest", Convert.ToBase64String(RandomDigest())), ("KeyId", keyId), ("KeyVersionId", versionId), ("Value", value)));

        Assert.False(Expect.Ok(response).GetProperty("Value").GetBoolean());
    }

    [Fact]
    public async Task AsymmetricVerify_ValueNotBase64_ReturnsInvalidParameterValue()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await factory.Client.CallAsync("AsymmetricVerify", Params.Of(
            ("Algorithm", "ECDSA_SHA_256"), ("Digest", Convert.ToBase64String(RandomDigest())), ("KeyId", keyId), ("KeyVersionId", versionId), ("Value", "%%%")));

        Expect.InvalidParameter(response, "Value");
    }

    [Fact]
    public async Task AsymmetricVerify_MissingValue_ReturnsMissingParameterValue()
    {
        var response = await factory.Client.CallAsync("AsymmetricVerify", Params.Of(
            ("Algorithm", "ECDSA_SHA_256"), ("Digest", "x"), ("KeyId", "k"), ("KeyVersionId", "v")));

        Expect.MissingParameter(response, "Value");
    }

    [Fact]
    public async Task AsymmetricVerify_Digest31Bytes_ReturnsInvalidParameterDigest()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await Verify(keyId, versionId, "ECDSA_SHA_256", RandomDigest()[..31], [1, 2, 3]);

        Expect.InvalidParameter(response, "Digest");
    }

    [Fact]
    public async Task AsymmetricVerify_EncryptDecryptKey_ReturnsUnsupportedOperation()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("RSA_2048", "ENCRYPT/DECRYPT");

        var response = await Verify(keyId, versionId, "RSA_PSS_SHA_256", RandomDigest(), [1, 2, 3]);

        UnsupportedOperation(response);
    }

    [Fact]
    public async Task AsymmetricVerify_AlgorithmOfAnotherSpec_ReturnsInvalidParameterAlgorithm()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_SM2");

        var response = await Verify(keyId, versionId, "ECDSA_SHA_256", RandomDigest(), [1, 2, 3]);

        Expect.InvalidParameter(response, "Algorithm");
    }

    [Fact]
    public async Task AsymmetricVerify_DisabledKey_ReturnsRejectedDisabled()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256K");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await Verify(keyId, versionId, "ECDSA_SHA_256", RandomDigest(), [1, 2, 3]);

        Disabled(response);
    }

    private Task<Coffer.Testing.CofferResponse> Verify(string keyId, string versionId, string algorithm, byte[] digest, byte[] signature) =>
        factory.Client.CallAsync("AsymmetricVerify", Params.Of(
            ("Algorithm", algorithm), ("Digest", Convert.ToBase64String(digest)), ("KeyId", keyId), ("KeyVersionId", versionId),
            ("Value", Convert.ToBase64String(signature))));
}
