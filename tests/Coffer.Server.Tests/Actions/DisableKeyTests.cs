using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class DisableKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DisableKey_EnabledKey_BecomesDisabledAndRefusesEncryptAndDecrypt()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "sealed before");

        var response = await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId)));

        RequestIdOnly(response);
        Assert.Equal("Disabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
        Disabled(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"))));
        Disabled(await factory.Client.DecryptAsync(blob));
    }

    [Fact]
    public async Task DisableKey_AlreadyDisabled_IsIdempotent()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        var response = await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId)));

        RequestIdOnly(response);
        Assert.Equal("Disabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task DisableKey_KeyWithRotation_SuspendsRotationKeepingItsSettings()
    {
        var keyId = Expect.Ok(await factory.Client.CallAsync(
            "CreateKey", Params.Of(("EnableAutomaticRotation", "true"), ("RotationInterval", "7d")))).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Suspended", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal("604800s", metadata.GetProperty("RotationInterval").GetString());
        Assert.Equal(Time(metadata, "LastRotationDate").AddDays(7), Time(metadata, "NextRotationDate"));
    }

    [Fact]
    public async Task DisableKey_KeyArn_DisablesTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", factory.KeyArn(keyId)))));

        Assert.Equal("Disabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task DisableKey_PendingDeletionKey_ReturnsStateModifiedFailed()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var response = await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId)));

        StateModifiedFailed(response);
        Assert.Equal("PendingDeletion", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Theory]
    [InlineData("alias/anything")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task DisableKey_AliasForm_ReturnsUnsupportedAlias(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        UnsupportedAlias(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", reference))));
    }

    [Fact]
    public async Task DisableKey_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task DisableKey_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("DisableKey"), "KeyId");
    }
}
