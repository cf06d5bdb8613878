using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class CancelKeyDeletionTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task CancelKeyDeletion_PendingDeletionKey_IsEnabledWithoutDeleteDateAndEncryptsAgain()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var response = await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", keyId)));

        RequestIdOnly(response);
        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Enabled", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("", metadata.GetProperty("DeleteDate").GetString());
        await factory.Client.EncryptAsync(keyId, "usable again");
    }

    [Fact]
    public async Task CancelKeyDeletion_ScheduledWhileDisabled_ComesBackEnabled()
    {
        var keyId = await factory.Client.DisabledKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        RequestIdOnly(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", keyId))));

        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task CancelKeyDeletion_KeyArn_CancelsTheDeletion()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", factory.KeyArn(keyId)))));

        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task CancelKeyDeletion_EnabledKey_ReturnsStateModifiedFailed()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        StateModifiedFailed(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task CancelKeyDeletion_DisabledKey_ReturnsStateModifiedFailed()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        StateModifiedFailed(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", keyId))));
    }

    [Theory]
    [InlineData("alias/anything")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task CancelKeyDeletion_AliasForm_ReturnsUnsupportedAlias(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        UnsupportedAlias(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", reference))));
    }

    [Fact]
    public async Task CancelKeyDeletion_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task CancelKeyDeletion_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("CancelKeyDeletion"), "KeyId");
    }
}
