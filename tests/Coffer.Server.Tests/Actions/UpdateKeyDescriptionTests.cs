using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class UpdateKeyDescriptionTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task UpdateKeyDescription_NewText_ReturnsRequestIdAndDescribeKeyShowsIt()
    {
        var keyId = await factory.Client.CreateKeyAsync(description: "old");

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", keyId), ("Description", "new text")));

        RequestIdOnly(response);
        Assert.Equal("new text", (await factory.Client.DescribeAsync(keyId)).GetProperty("Description").GetString());
    }

    [Theory]
    [InlineData(Testing.WirePlacement.PostQuery)]
    [InlineData(Testing.WirePlacement.GetQuery)]
    [InlineData(Testing.WirePlacement.PostForm)]
    public async Task UpdateKeyDescription_EmptyDescription_ClearsIt(Testing.WirePlacement placement)
    {
        var keyId = await factory.Client.CreateKeyAsync(description: "to be cleared");

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", keyId), ("Description", "")), placement);

        RequestIdOnly(response);
        Assert.Equal("", (await factory.Client.DescribeAsync(keyId)).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task UpdateKeyDescription_KeyArn_UpdatesTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", factory.KeyArn(keyId)), ("Description", "by arn")));

        RequestIdOnly(response);
        Assert.Equal("by arn", (await factory.Client.DescribeAsync(keyId)).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task UpdateKeyDescription_DisabledKey_IsUpdated()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", keyId), ("Description", "still editable"))));
    }

    [Fact]
    public async Task UpdateKeyDescription_PendingDeletionKey_ReturnsRejectedPendingDeletion()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", keyId), ("Description", "x")));

        PendingDeletion(response);
    }

    [Fact]
    public async Task UpdateKeyDescription_8192Characters_IsKept()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var description = new string('d', 8192);

        var response = await factory.Client.CallAsync(
            "UpdateKeyDescription", Params.Of(("KeyId", keyId), ("Description", description)), Testing.WirePlacement.PostForm);

        RequestIdOnly(response);
        Assert.Equal(description, (await factory.Client.DescribeAsync(keyId)).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task UpdateKeyDescription_8193Characters_ReturnsInvalidParameterDescription()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "UpdateKeyDescription", Params.Of(("KeyId", keyId), ("Description", new string('d', 8193))), Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "Description");
    }

    [Fact]
    public async Task UpdateKeyDescription_NoDescription_ReturnsMissingParameterDescription()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", keyId)));

        Expect.MissingParameter(response, "Description");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task UpdateKeyDescription_NoKeyId_ReturnsMissingParameterKeyId(string? keyId)
    {
        var parameters = keyId is null ? Params.Of(("Description", "x")) : Params.Of(("KeyId", keyId), ("Description", "x"));

        var response = await factory.Client.CallAsync("UpdateKeyDescription", parameters);

        Expect.MissingParameter(response, "KeyId");
    }

    [Fact]
    public async Task UpdateKeyDescription_NothingGiven_NamesDescriptionFirst()
    {
        var response = await factory.Client.CallAsync("UpdateKeyDescription");

        Expect.MissingParameter(response, "Description");
    }

    [Theory]
    [InlineData("alias/anything")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task UpdateKeyDescription_AliasForm_ReturnsUnsupportedAlias(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", reference), ("Description", "x")));

        UnsupportedAlias(response);
    }

    [Fact]
    public async Task UpdateKeyDescription_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Description", "x")));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task UpdateKeyDescription_ExistingAlias_ReturnsUnsupportedAlias()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var alias = "alias/live-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync(alias, keyId);

        var response = await factory.Client.CallAsync("UpdateKeyDescription", Params.Of(("KeyId", alias), ("Description", "x")));

        UnsupportedAlias(response);
    }
}
