using Coffer.Crypto;
using static Coffer.Server.Tests.Actions.ImportCalls;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

/// <summary>CreateKey Origin=EXTERNAL over HTTP, and the key calls that refuse imported keys.</summary>
public sealed class ExternalKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task CreateKey_External_AnswersPendingImportMetadata()
    {
        var metadata = await factory.Client.CreateExternalKeyAsync("Aliyun_SM4");

        Assert.Equal("PendingImport", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("EXTERNAL", metadata.GetProperty("Origin").GetString());
        Assert.Equal("Aliyun_SM4", metadata.GetProperty("KeySpec").GetString());
        Assert.Equal("", metadata.GetProperty("MaterialExpireTime").GetString());
        Assert.Equal("Disabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal(metadata.GetProperty("PrimaryKeyVersion").GetString(), (await factory.Client.DescribeAsync(metadata.GetProperty("KeyId").GetString()!))
            .GetProperty("PrimaryKeyVersion").GetString());
    }

    [Fact]
    public async Task CreateKey_ExternalWithAutomaticRotation_ReturnsInvalidParameter()
    {
        var response = await factory.Client.CallAsync(
            "CreateKey", Params.Of(("Origin", "EXTERNAL"), ("EnableAutomaticRotation", "true"), ("RotationInterval", "7d")));

        Expect.InvalidParameter(response, "EnableAutomaticRotation");
    }

    [Fact]
    public async Task CreateKeyVersionAndRotation_ImportedKey_ReturnUnsupportedOrigin()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        PendingImport(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
        await factory.Client.ImportOkAsync(keyId, CryptoRandom.Bytes(32));

        UnsupportedOrigin(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
        UnsupportedOrigin(await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "7d"))));
        RequestIdOnly(await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "false"))));
    }

    [Fact]
    public async Task CancelKeyDeletion_ExternalKeyNeverImported_ReturnsToPendingImport()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        RequestIdOnly(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", keyId))));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("PendingImport", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("", metadata.GetProperty("DeleteDate").GetString());
    }

    [Fact]
    public async Task EnableDisable_PendingImport_ReturnStateModifiedFailed()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;

        StateModifiedFailed(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", keyId))));
        StateModifiedFailed(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));
    }
}
