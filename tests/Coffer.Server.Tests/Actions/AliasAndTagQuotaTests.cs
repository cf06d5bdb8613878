namespace Coffer.Server.Tests.Actions;

/// <summary>Rejected.LimitExceeded on a server with 3 aliases per account and 3 tags per resource.</summary>
public sealed class AliasAndTagQuotaTests(SmallQuotaFactory factory) : IClassFixture<SmallQuotaFactory>
{
    [Fact]
    public async Task CreateAlias_QuotaReached_ReturnsLimitExceededUntilOneIsDeleted()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        for (var i = 0; i < SmallQuotaFactory.Aliases; i++)
        {
            await factory.Client.CreateAliasAsync($"alias/q{i}", keyId);
        }

        var over = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/over"), ("KeyId", keyId)));
        Expect.Ok(await factory.Client.CallAsync("DeleteAlias", Params.Of(("AliasName", "alias/q0"))));
        var again = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/over"), ("KeyId", keyId)));

        Expect.Error(over, "Rejected.LimitExceeded", 400, AliasTagCalls.LimitExceededMessage);
        Expect.Ok(again);
    }

    [Fact]
    public async Task TagResources_MoreTagsThanTheQuota_ReturnsLimitExceededAndWritesNothing()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"), ("b", "1"));

        var response = await factory.Client.CallAsync(
            "TagResources",
            Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "c"), ("Tag.1.Value", "1"), ("Tag.2.Key", "d"), ("Tag.2.Value", "1")));

        Expect.Error(response, "Rejected.LimitExceeded", 400, AliasTagCalls.LimitExceededMessage);
        Assert.Equal([("a", "1"), ("b", "1")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResources_OverwritingAtTheQuota_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"), ("b", "1"), ("c", "1"));

        await factory.Client.TagKeyAsync(keyId, ("a", "2"));

        Assert.Equal([("a", "2"), ("b", "1"), ("c", "1")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResource_MoreTagsThanTheQuota_ReturnsLimitExceeded()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "TagResource",
            Params.Of(("KeyId", keyId), ("Tags", "[{\"TagKey\":\"a\",\"TagValue\":\"1\"},{\"TagKey\":\"b\"},{\"TagKey\":\"c\"},{\"TagKey\":\"d\"}]")));

        Expect.Error(response, "Rejected.LimitExceeded", 400, AliasTagCalls.LimitExceededMessage);
    }

    [Fact]
    public async Task CreateKey_MoreTagsThanTheQuota_ReturnsLimitExceededAndMakesNoKey()
    {
        var before = Expect.Ok(await factory.Client.CallAsync("ListKeys")).GetProperty("TotalCount").GetInt32();

        var response = await factory.Client.CallAsync(
            "CreateKey", Params.Of(("Tags", "[{\"TagKey\":\"a\"},{\"TagKey\":\"b\"},{\"TagKey\":\"c\"},{\"TagKey\":\"d\"}]")));

        Expect.Error(response, "Rejected.LimitExceeded", 400, AliasTagCalls.LimitExceededMessage);
        Assert.Equal(before, Expect.Ok(await factory.Client.CallAsync("ListKeys")).GetProperty("TotalCount").GetInt32());
    }
}
