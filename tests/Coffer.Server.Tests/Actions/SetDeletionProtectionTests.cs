using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class SetDeletionProtectionTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task SetDeletionProtection_Enable_DescribeKeyShowsItWithTheDescription()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of(
            ("KeyId", keyId), ("EnableDeletionProtection", "true"), ("DeletionProtectionDescription", "production key")));

        RequestIdOnly(response);
        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Enabled", metadata.GetProperty("DeletionProtection").GetString());
        Assert.Equal("production key", metadata.GetProperty("DeletionProtectionDescription").GetString());
    }

    [Fact]
    public async Task SetDeletionProtection_Disable_ClearsTheDescriptionAndAllowsDeletion()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync("SetDeletionProtection", Params.Of(
            ("KeyId", keyId), ("EnableDeletionProtection", "true"), ("DeletionProtectionDescription", "d"))));

        RequestIdOnly(await factory.Client.CallAsync("SetDeletionProtection", Params.Of(
            ("KeyId", keyId), ("EnableDeletionProtection", "FALSE"), ("DeletionProtectionDescription", "ignored"))));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Disabled", metadata.GetProperty("DeletionProtection").GetString());
        Assert.Equal("", metadata.GetProperty("DeletionProtectionDescription").GetString());
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));
    }

    [Fact]
    public async Task SetDeletionProtection_ProtectedResourceArn_ProtectsTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of(
            ("ProtectedResourceArn", factory.KeyArn(keyId)), ("EnableDeletionProtection", "true")));

        RequestIdOnly(response);
        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("DeletionProtection").GetString());
        StateModifiedFailed(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));
    }

    [Fact]
    public async Task SetDeletionProtection_DisabledKey_IsProtected()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("SetDeletionProtection", Params.Of(("KeyId", keyId), ("EnableDeletionProtection", "true"))));
    }

    [Fact]
    public async Task SetDeletionProtection_PendingDeletionKey_ReturnsRejectedPendingDeletion()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of(("KeyId", keyId), ("EnableDeletionProtection", "true")));

        PendingDeletion(response);
    }

    [Fact]
    public async Task SetDeletionProtection_NoEnableDeletionProtection_ReturnsMissingParameter()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of(("KeyId", keyId)));

        Expect.MissingParameter(response, "EnableDeletionProtection");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public async Task SetDeletionProtection_MalformedBoolean_ReturnsInvalidParameter(string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of(("KeyId", keyId), ("EnableDeletionProtection", value)));

        Expect.InvalidParameter(response, "EnableDeletionProtection");
    }

    [Fact]
    public async Task SetDeletionProtection_NeitherKeyIdNorArn_ReturnsMissingParameterKeyId()
    {
        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of(("EnableDeletionProtection", "true")));

        Expect.MissingParameter(response, "KeyId");
    }

    [Fact]
    public async Task SetDeletionProtection_DescriptionOver8192Characters_ReturnsInvalidParameter()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "SetDeletionProtection",
            Params.Of(("KeyId", keyId), ("EnableDeletionProtection", "true"), ("DeletionProtectionDescription", new string('d', 8193))),
            Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "DeletionProtectionDescription");
    }

    [Theory]
    [InlineData("KeyId", "alias/anything")]
    [InlineData("ProtectedResourceArn", "acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task SetDeletionProtection_AliasForm_ReturnsUnsupportedAlias(string name, string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of((name, reference), ("EnableDeletionProtection", "true")));

        UnsupportedAlias(response);
    }

    [Theory]
    [InlineData("KeyId")]
    [InlineData("ProtectedResourceArn")]
    public async Task SetDeletionProtection_UnknownKey_ReturnsKeyNotFound(string name)
    {
        var reference = factory.KeyArn(Guid.NewGuid().ToString());

        var response = await factory.Client.CallAsync("SetDeletionProtection", Params.Of((name, reference), ("EnableDeletionProtection", "true")));

        Expect.KeyNotFound(response);
    }
}
