using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

/// <summary>CreateKey, DescribeKey, ListKeyVersions and the rotation calls for key pairs and HMAC keys, over HTTP.</summary>
public sealed class CreateKeyPairTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("RSA_2048", null, "SIGN/VERIFY")]
    [InlineData("RSA_2048", "ENCRYPT/DECRYPT", "ENCRYPT/DECRYPT")]
    [InlineData("RSA_3072", "SIGN/VERIFY", "SIGN/VERIFY")]
    [InlineData("EC_P256", null, "SIGN/VERIFY")]
    [InlineData("EC_P256K", "SIGN/VERIFY", "SIGN/VERIFY")]
    [InlineData("EC_SM2", null, "SIGN/VERIFY")]
    [InlineData("EC_SM2", "ENCRYPT/DECRYPT", "ENCRYPT/DECRYPT")]
    [InlineData("HMAC_SHA224", null, "GENERATE/VERIFY_MAC")]
    [InlineData("HMAC_SHA256", "GENERATE/VERIFY_MAC", "GENERATE/VERIFY_MAC")]
    [InlineData("HMAC_SHA384", null, "GENERATE/VERIFY_MAC")]
    [InlineData("HMAC_SHA512", null, "GENERATE/VERIFY_MAC")]
    [InlineData("HMAC_SM3", null, "GENERATE/VERIFY_MAC")]
    public async Task CreateKey_NewSpec_DescribeKeyAndListKeysShowIt(string spec, string? usage, string expectedUsage)
    {
        var created = await factory.Client.CreateSpecAsync(spec, usage);

        var keyId = created.GetProperty("KeyId").GetString()!;
        Assert.Equal(spec, created.GetProperty("KeySpec").GetString());
        Assert.Equal(expectedUsage, created.GetProperty("KeyUsage").GetString());
        Assert.Equal("Disabled", created.GetProperty("AutomaticRotation").GetString());
        Assert.False(created.TryGetProperty("RotationInterval", out _));
        var described = await factory.Client.DescribeAsync(keyId);
        Assert.Equal(spec, described.GetProperty("KeySpec").GetString());
        Assert.Equal(expectedUsage, described.GetProperty("KeyUsage").GetString());
        Assert.Equal("Enabled", described.GetProperty("KeyState").GetString());
        Assert.Equal("Aliyun_KMS", described.GetProperty("Origin").GetString());
        var versions = Expect.Ok(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId))));
        Assert.Equal(1, versions.GetProperty("TotalCount").GetInt32());
    }

    [Theory]
    [InlineData("EC_P256", "ENCRYPT/DECRYPT")]
    [InlineData("EC_P256K", "ENCRYPT/DECRYPT")]
    [InlineData("RSA_2048", "GENERATE/VERIFY_MAC")]
    [InlineData("HMAC_SHA256", "SIGN/VERIFY")]
    [InlineData("HMAC_SM3", "ENCRYPT/DECRYPT")]
    [InlineData("Aliyun_AES_256", "SIGN/VERIFY")]
    [InlineData("EC_SM2", "SIGN/VERIFY/ENCRYPT")]
    public async Task CreateKey_ImpossibleUsage_ReturnsInvalidParameterKeyUsage(string spec, string usage)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("KeySpec", spec), ("KeyUsage", usage)));

        Expect.InvalidParameter(response, "KeyUsage");
    }

    [Theory]
    [InlineData("RSA_2048")]
    [InlineData("EC_SM2")]
    [InlineData("HMAC_SHA256")]
    public async Task CreateKey_ExternalWithKeyPairOrHmacSpec_ReturnsInvalidParameterOrigin(string spec)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("KeySpec", spec), ("Origin", "EXTERNAL")));

        Expect.InvalidParameter(response, "Origin");
    }

    [Theory]
    [InlineData("RSA_3072")]
    [InlineData("EC_P256K")]
    [InlineData("HMAC_SHA512")]
    public async Task CreateKey_AutomaticRotationForKeyPairOrHmacSpec_ReturnsInvalidParameterEnableAutomaticRotation(string spec)
    {
        var response = await factory.Client.CallAsync(
            "CreateKey", Params.Of(("KeySpec", spec), ("EnableAutomaticRotation", "true"), ("RotationInterval", "604800s")));

        Expect.InvalidParameter(response, "EnableAutomaticRotation");
    }

    [Theory]
    [InlineData("EC_P256")]
    [InlineData("HMAC_SM3")]
    public async Task UpdateRotationPolicy_EnablingOnKeyPairOrHmacKey_ReturnsUnsupportedOperation(string spec)
    {
        var (keyId, _) = await factory.Client.CreatePairAsync(spec);

        var response = await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "30d")));

        UnsupportedOperation(response);
        Assert.Equal("Disabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("AutomaticRotation").GetString());
    }

    [Fact]
    public async Task UpdateRotationPolicy_DisablingOnAKeyPair_Succeeds()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("RSA_2048");

        var response = await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "false")));

        RequestIdOnly(response);
    }

    [Theory]
    [InlineData("EC_SM2", null)]
    [InlineData("HMAC_SHA256", null)]
    public async Task CreateKeyVersion_KeyPairOrHmacKey_BecomesPrimaryAndListsBothVersions(string spec, string? usage)
    {
        var (keyId, first) = await factory.Client.CreatePairAsync(spec, usage);

        var second = Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))))
            .GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString()!;

        Assert.Equal(second, (await factory.Client.DescribeAsync(keyId)).GetProperty("PrimaryKeyVersion").GetString());
        var versions = Expect.Ok(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId))));
        Assert.Equal(
            [first, second],
            versions.GetProperty("KeyVersions").GetProperty("KeyVersion").EnumerateArray().Select(v => v.GetProperty("KeyVersionId").GetString()));
    }

    [Fact]
    public async Task CreateKeyVersion_DisabledKeyPair_ReturnsRejectedDisabled()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("EC_P256");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId)));

        Disabled(response);
    }
}
