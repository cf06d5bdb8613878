using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

public sealed class TagResourcesTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    public static TheoryData<WirePlacement> Placements => [WirePlacement.PostQuery, WirePlacement.GetQuery, WirePlacement.PostForm, WirePlacement.Terraform];

    [Theory]
    [MemberData(nameof(Placements))]
    public async Task TagResources_FlattenedParametersInEveryPlacement_TagEveryKey(WirePlacement placement)
    {
        var first = await factory.Client.CreateKeyAsync();
        var second = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "TagResources",
            Params.Of(
                ("ResourceId.1", first),
                ("ResourceId.2", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{second}"),
                ("ResourceType", "key"),
                ("Tag.1.Key", "env"),
                ("Tag.1.Value", "prod"),
                ("Tag.2.Key", "team"),
                ("Tag.2.Value", "a b")),
            placement);

        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));
        Assert.Equal([("env", "prod"), ("team", "a b")], await factory.Client.TagsOfAsync(first));
        Assert.Equal([("env", "prod"), ("team", "a b")], await factory.Client.TagsOfAsync(second));
    }

    [Fact]
    public async Task TagResources_SignedV3_TagsTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallSignedV3Async(
            "TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "v3"), ("Tag.1.Value", "yes")));

        Expect.Ok(response);
        Assert.Equal([("v3", "yes")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResources_TwelveResourcesAndTwentyTags_NumberedBeyondNine()
    {
        var keys = new List<string>();
        var parameters = Params.Of(("ResourceType", "key"));
        for (var i = 1; i <= 12; i++)
        {
            keys.Add(await factory.Client.CreateKeyAsync());
            parameters[$"ResourceId.{i}"] = keys[^1];
        }

        for (var i = 1; i <= 20; i++)
        {
            parameters[$"Tag.{i}.Key"] = $"k{i:D2}";
            parameters[$"Tag.{i}.Value"] = $"v{i}";
        }

        Expect.Ok(await factory.Client.CallAsync("TagResources", parameters, WirePlacement.PostForm));

        foreach (var keyId in keys)
        {
            Assert.Equal(20, (await factory.Client.TagsOfAsync(keyId)).Count);
        }
    }

    [Fact]
    public async Task TagResources_ExistingTagKey_ValueOverwritten()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("env", "dev"), ("keep", "1"));

        await factory.Client.TagKeyAsync(keyId, ("env", "prod"));

        Assert.Equal([("env", "prod"), ("keep", "1")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResources_TagWithoutValue_EmptyValue()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        Expect.Ok(await factory.Client.CallAsync("TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "flag"))));

        Assert.Equal([("flag", "")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResources_NoRegionId_Accepted()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var withRegion = await factory.Client.CallAsync(
            "TagResources", Params.Of(("RegionId", "cn-elsewhere"), ("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "r")));

        Expect.Ok(withRegion);
    }

    [Theory]
    [InlineData("ResourceId")]
    [InlineData("ResourceType")]
    [InlineData("Tag")]
    public async Task TagResources_RequiredParameterAbsent_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("ResourceId.1", "k"), ("ResourceType", "key"), ("Tag.1.Key", "a"), ("Tag.1.Value", "1"));
        foreach (var wire in parameters.Keys.Where(k => k == name || k.StartsWith(name + ".", StringComparison.Ordinal)).ToList())
        {
            parameters.Remove(wire);
        }

        var response = await factory.Client.CallAsync("TagResources", parameters);

        Expect.MissingParameter(response, name);
    }

    [Fact]
    public async Task TagResources_ResourceIdWithoutIndex_IsNotTheList()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("TagResources", Params.Of(("ResourceId", keyId), ("ResourceType", "key"), ("Tag.1.Key", "a")));

        Expect.MissingParameter(response, "ResourceId");
    }

    [Theory]
    [InlineData("SECRET")]
    [InlineData("KEY")]
    [InlineData("certificate")]
    public async Task TagResources_ResourceTypeOtherThanKey_ReturnsInvalidParameterResourceType(string type)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", type), ("Tag.1.Key", "a")));

        Expect.InvalidParameter(response, "ResourceType");
    }

    [Fact]
    public async Task TagResources_51Resources_ReturnsInvalidParameterResourceId()
    {
        var parameters = Params.Of(("ResourceType", "key"), ("Tag.1.Key", "a"));
        for (var i = 1; i <= 51; i++)
        {
            parameters[$"ResourceId.{i}"] = Guid.NewGuid().ToString();
        }

        Expect.InvalidParameter(await factory.Client.CallAsync("TagResources", parameters, WirePlacement.PostForm), "ResourceId");
    }

    [Fact]
    public async Task TagResources_21Tags_ReturnsInvalidParameterTag()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"));
        for (var i = 1; i <= 21; i++)
        {
            parameters[$"Tag.{i}.Key"] = $"k{i}";
        }

        Expect.InvalidParameter(await factory.Client.CallAsync("TagResources", parameters), "Tag");
    }

    [Theory]
    [InlineData("aliyun-owned", "v")]
    [InlineData("acs:thing", "v")]
    [InlineData("bad key", "v")]
    [InlineData("k", "bad#value")]
    public async Task TagResources_TagBreakingTheRules_ReturnsInvalidParameterTag(string key, string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", key), ("Tag.1.Value", value)));

        Expect.InvalidParameter(response, "Tag");
    }

    [Fact]
    public async Task TagResources_ValueWithoutKey_ReturnsInvalidParameterTag()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Value", "v")));

        Expect.InvalidParameter(response, "Tag");
    }

    [Fact]
    public async Task TagResources_UnknownKey_ReturnsKeyNotFoundAndTagsNothing()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceId.2", Guid.NewGuid().ToString()), ("ResourceType", "key"), ("Tag.1.Key", "a")));

        Expect.KeyNotFound(response);
        Assert.Empty(await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResources_Alias_ReturnsUnsupportedAlias()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/tag-target", keyId);

        var response = await factory.Client.CallAsync("TagResources", Params.Of(("ResourceId.1", "alias/tag-target"), ("ResourceType", "key"), ("Tag.1.Key", "a")));

        Expect.Error(response, "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task TagResources_KeyPendingDeletion_ReturnsPendingDeletion()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var response = await factory.Client.CallAsync("TagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "a")));

        Expect.Error(response, "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion.");
    }

    [Fact]
    public async Task TagResources_KeyDisabled_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.DisableKeyAsync(keyId);

        await factory.Client.TagKeyAsync(keyId, ("a", "1"));

        Assert.Single(await factory.Client.TagsOfAsync(keyId));
    }
}
