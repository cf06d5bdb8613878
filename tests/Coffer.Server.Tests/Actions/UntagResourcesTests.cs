using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

public sealed class UntagResourcesTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData(WirePlacement.PostQuery)]
    [InlineData(WirePlacement.GetQuery)]
    [InlineData(WirePlacement.PostForm)]
    [InlineData(WirePlacement.Terraform)]
    public async Task UntagResources_TagKeyList_RemovesThoseFromEveryKeyAndSkipsAbsentOnes(WirePlacement placement)
    {
        var first = await factory.Client.CreateKeyAsync();
        var second = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(first, ("a", "1"), ("b", "2"), ("c", "3"));
        await factory.Client.TagKeyAsync(second, ("a", "1"), ("b", "2"));

        var response = await factory.Client.CallAsync(
            "UntagResources",
            Params.Of(("ResourceId.1", first), ("ResourceId.2", second), ("ResourceType", "key"), ("TagKey.1", "a"), ("TagKey.2", "c"), ("TagKey.3", "absent")),
            placement);

        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));
        Assert.Equal([("b", "2")], await factory.Client.TagsOfAsync(first));
        Assert.Equal([("b", "2")], await factory.Client.TagsOfAsync(second));
    }

    [Fact]
    public async Task UntagResources_AllTrueWithoutTagKey_RemovesEveryTag()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"), ("b", "2"));

        Expect.Ok(await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("All", "true"))));

        Assert.Empty(await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task UntagResources_AllTrueWithTagKey_RemovesOnlyTheNamedKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"), ("b", "2"));

        Expect.Ok(await factory.Client.CallAsync(
            "UntagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("All", "TRUE"), ("TagKey.1", "a"))));

        Assert.Equal([("b", "2")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task UntagResources_NeitherTagKeyNorAll_RemovesNothing()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"));

        Expect.Ok(await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("All", "false"))));

        Assert.Single(await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task UntagResources_AllNotABoolean_ReturnsInvalidParameterAll()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("All", "yes")));

        Expect.InvalidParameter(response, "All");
    }

    [Theory]
    [InlineData("aliyun-system")]
    [InlineData("acs:x")]
    public async Task UntagResources_ReservedTagKey_ReturnsInvalidParameterTagKey(string tagKey)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("TagKey.1", tagKey)));

        Expect.InvalidParameter(response, "TagKey");
    }

    [Fact]
    public async Task UntagResources_21TagKeys_ReturnsInvalidParameterTagKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"));
        for (var i = 1; i <= 21; i++)
        {
            parameters[$"TagKey.{i}"] = $"k{i}";
        }

        Expect.InvalidParameter(await factory.Client.CallAsync("UntagResources", parameters), "TagKey");
    }

    [Theory]
    [InlineData("ResourceId")]
    [InlineData("ResourceType")]
    public async Task UntagResources_RequiredParameterAbsent_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("ResourceId.1", "k"), ("ResourceType", "key"), ("TagKey.1", "a"));
        parameters.Remove(name == "ResourceId" ? "ResourceId.1" : name);

        Expect.MissingParameter(await factory.Client.CallAsync("UntagResources", parameters), name);
    }

    [Fact]
    public async Task UntagResources_UnknownSecret_ReturnsResourceNotFound()
    {
        var response = await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", "no-such-secret"), ("ResourceType", "secret"), ("TagKey.1", "a")));

        Expect.Error(response, "Forbidden.ResourceNotFound", 404);
    }

    [Fact]
    public async Task UntagResources_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync(
            "UntagResources", Params.Of(("ResourceId.1", Guid.NewGuid().ToString()), ("ResourceType", "key"), ("TagKey.1", "a")));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task UntagResources_Alias_ReturnsUnsupportedAlias()
    {
        var response = await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", "alias/x"), ("ResourceType", "key"), ("TagKey.1", "a")));

        Expect.Error(response, "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task UntagResources_KeyPendingDeletion_ReturnsPendingDeletion()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"));
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var response = await factory.Client.CallAsync("UntagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("TagKey.1", "a")));

        Expect.Error(response, "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion.");
        Assert.Single(await factory.Client.TagsOfAsync(keyId));
    }
}
