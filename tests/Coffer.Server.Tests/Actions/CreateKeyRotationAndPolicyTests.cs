using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

/// <summary>CreateKey's EnableAutomaticRotation, RotationInterval and Policy parameters.</summary>
public sealed class CreateKeyRotationAndPolicyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("true", "7d", "604800s")]
    [InlineData("TRUE", "2592000s", "2592000s")]
    [InlineData("True", "720h", "2592000s")]
    public async Task CreateKey_AutomaticRotation_KeyMetadataShowsRotationFields(string enable, string interval, string shown)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("EnableAutomaticRotation", enable), ("RotationInterval", interval)));

        var metadata = Expect.Ok(response).GetProperty("KeyMetadata");
        Assert.Equal("Enabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal(shown, metadata.GetProperty("RotationInterval").GetString());
        Assert.Equal(
            Time(metadata, "LastRotationDate").AddSeconds(long.Parse(shown[..^1], System.Globalization.CultureInfo.InvariantCulture)),
            Time(metadata, "NextRotationDate"));
        var described = await factory.Client.DescribeAsync(metadata.GetProperty("KeyId").GetString()!);
        Assert.All(metadata.EnumerateObject(), p => Assert.Equal(p.Value.GetString(), described.GetProperty(p.Name).GetString()));
    }

    [Fact]
    public async Task CreateKey_RotationEnabledWithoutInterval_ReturnsMissingParameterRotationInterval()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("EnableAutomaticRotation", "true")));

        Expect.MissingParameter(response, "RotationInterval");
    }

    [Fact]
    public async Task CreateKey_RotationEnabledWithoutIntervalAndBadSpec_ReturnsMissingParameterFirst()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("EnableAutomaticRotation", "true"), ("KeySpec", "nope")));

        Expect.MissingParameter(response, "RotationInterval");
    }

    [Theory]
    [InlineData("true", "6d")]
    [InlineData("true", "731d")]
    [InlineData("true", "30x")]
    [InlineData("false", "30x")]
    [InlineData(null, "1s")]
    public async Task CreateKey_BadInterval_ReturnsInvalidParameterRotationInterval(string? enable, string interval)
    {
        var parameters = Params.Of(("RotationInterval", interval));
        if (enable is not null)
        {
            parameters["EnableAutomaticRotation"] = enable;
        }

        var response = await factory.Client.CallAsync("CreateKey", parameters);

        Expect.InvalidParameter(response, "RotationInterval");
    }

    [Fact]
    public async Task CreateKey_IntervalWithoutEnabling_LeavesRotationDisabled()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("RotationInterval", "30d")));

        var metadata = Expect.Ok(response).GetProperty("KeyMetadata");
        Assert.Equal("Disabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.False(metadata.TryGetProperty("RotationInterval", out _));
        Assert.False(metadata.TryGetProperty("NextRotationDate", out _));
    }

    [Fact]
    public async Task CreateKey_Policy_IsStoredVerbatim()
    {
        const string Policy = "{\"Version\":\"1\", \"Statement\":[]}";

        var keyId = Expect.Ok(await factory.Client.CallAsync("CreateKey", Params.Of(("Policy", Policy)))).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        Assert.Equal(Policy, Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("not json")]
    public async Task CreateKey_PolicyNotAJsonObject_ReturnsInvalidParameterPolicy(string policy)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Policy", policy)));

        Expect.InvalidParameter(response, "Policy");
    }

    [Fact]
    public async Task CreateKey_PolicyOver32768Bytes_ReturnsInvalidParameterPolicy()
    {
        var policy = "{\"Sid\":\"" + new string('a', 32_760) + "\"}";

        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Policy", policy)), Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "Policy");
    }
}
