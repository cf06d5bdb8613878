using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class UpdateRotationPolicyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("7d", "604800s", 604_800)]
    [InlineData("604800s", "604800s", 604_800)]
    [InlineData("168h", "604800s", 604_800)]
    [InlineData("10080m", "604800s", 604_800)]
    [InlineData("730d", "63072000s", 63_072_000)]
    public async Task UpdateRotationPolicy_Enable_ShowsIntervalInSecondsAndNextRotationDate(string interval, string shown, int seconds)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", interval)));

        RequestIdOnly(response);
        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Enabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal(shown, metadata.GetProperty("RotationInterval").GetString());
        Assert.Equal(Time(metadata, "LastRotationDate").AddSeconds(seconds), Time(metadata, "NextRotationDate"));
    }

    [Fact]
    public async Task UpdateRotationPolicy_Disable_ClearsIntervalAndNextRotationDate()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "30d"))));

        RequestIdOnly(await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "false"))));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("Disabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.False(metadata.TryGetProperty("RotationInterval", out _));
        Assert.False(metadata.TryGetProperty("NextRotationDate", out _));
    }

    [Fact]
    public async Task UpdateRotationPolicy_NewInterval_ReplacesTheOld()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "30d"))));

        RequestIdOnly(await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", factory.KeyArn(keyId)), ("EnableAutomaticRotation", "TRUE"), ("RotationInterval", "8d"))));

        Assert.Equal("691200s", (await factory.Client.DescribeAsync(keyId)).GetProperty("RotationInterval").GetString());
    }

    [Fact]
    public async Task UpdateRotationPolicy_EnableWithoutInterval_ReturnsMissingParameterRotationInterval()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true")));

        Expect.MissingParameter(response, "RotationInterval");
    }

    [Theory]
    [InlineData("6d")]
    [InlineData("731d")]
    [InlineData("604799s")]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("7w")]
    [InlineData("7D")]
    [InlineData("-7d")]
    [InlineData("7.5d")]
    [InlineData("99999999999999999999d")]
    public async Task UpdateRotationPolicy_IntervalOutOfRangeOrMalformed_ReturnsInvalidParameterRotationInterval(string interval)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", interval)));

        Expect.InvalidParameter(response, "RotationInterval");
    }

    [Fact]
    public async Task UpdateRotationPolicy_DisabledKey_ReturnsRejectedDisabled()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        var response = await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "7d")));

        Disabled(response);
    }

    [Fact]
    public async Task UpdateRotationPolicy_PendingDeletionKey_ReturnsRejectedPendingDeletion()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        PendingDeletion(await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", "false"))));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public async Task UpdateRotationPolicy_MalformedBoolean_ReturnsInvalidParameterEnableAutomaticRotation(string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("EnableAutomaticRotation", value)));

        Expect.InvalidParameter(response, "EnableAutomaticRotation");
    }

    [Fact]
    public async Task UpdateRotationPolicy_NoEnableAutomaticRotation_ReturnsMissingParameter()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("KeyId", keyId), ("RotationInterval", "7d")));

        Expect.MissingParameter(response, "EnableAutomaticRotation");
    }

    [Fact]
    public async Task UpdateRotationPolicy_NoKeyId_ReturnsMissingParameterKeyIdBeforeCheckingTheBoolean()
    {
        var response = await factory.Client.CallAsync("UpdateRotationPolicy", Params.Of(("EnableAutomaticRotation", "maybe")));

        Expect.MissingParameter(response, "KeyId");
    }

    [Theory]
    [InlineData("alias/anything")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task UpdateRotationPolicy_AliasForm_ReturnsUnsupportedAlias(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        var response = await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", reference), ("EnableAutomaticRotation", "true"), ("RotationInterval", "7d")));

        UnsupportedAlias(response);
    }

    [Fact]
    public async Task UpdateRotationPolicy_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync(
            "UpdateRotationPolicy", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("EnableAutomaticRotation", "false")));

        Expect.KeyNotFound(response);
    }
}
