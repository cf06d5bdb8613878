using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class EnableKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task EnableKey_DisabledKey_BecomesEnabledAndOldCiphertextsDecrypt()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "across a disable");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", keyId)));

        RequestIdOnly(response);
        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
        Assert.Equal("across a disable", Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task EnableKey_AlreadyEnabled_IsIdempotent()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", keyId))));

        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task EnableKey_SuspendedRotation_IsEnabledAgain()
    {
        var keyId = Expect.Ok(await factory.Client.CallAsync(
            "CreateKey", Params.Of(("EnableAutomaticRotation", "true"), ("RotationInterval", "30d")))).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        RequestIdOnly(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", keyId))));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Enabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal("2592000s", metadata.GetProperty("RotationInterval").GetString());
    }

    [Fact]
    public async Task EnableKey_PendingDeletionKey_ReturnsStateModifiedFailed()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        StateModifiedFailed(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task EnableKey_KeyArn_EnablesTheKey()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", factory.KeyArn(keyId)))));

        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Theory]
    [InlineData("alias/anything")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task EnableKey_AliasForm_ReturnsUnsupportedAlias(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        UnsupportedAlias(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", reference))));
    }

    [Fact]
    public async Task EnableKey_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("EnableKey", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task EnableKey_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("EnableKey"), "KeyId");
    }
}
