namespace Coffer.Server.Tests.Actions;

public sealed class CreateKeyTagsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task CreateKey_Tags_StoredOnTheNewKey()
    {
        var response = await factory.Client.CallAsync(
            "CreateKey", Params.Of(("Tags", "[{\"TagKey\":\"env\",\"TagValue\":\"prod\"},{\"TagKey\":\"team\",\"TagValue\":\"a\"}]")));

        var keyId = Expect.Ok(response).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        Assert.Equal([("env", "prod"), ("team", "a")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task CreateKey_EmptyTagsArray_KeyWithoutTags()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Tags", "[]")));

        var keyId = Expect.Ok(response).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        Assert.Empty(await factory.Client.TagsOfAsync(keyId));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"env\":\"prod\"}")]
    [InlineData("[{\"TagKey\":\"aliyun-x\",\"TagValue\":\"1\"}]")]
    [InlineData("[{\"TagKey\":\"a\",\"TagValue\":\"bad#\"}]")]
    public async Task CreateKey_BadTags_ReturnsInvalidParameterTagsAndMakesNoKey(string tags)
    {
        var before = Expect.Ok(await factory.Client.CallAsync("ListKeys")).GetProperty("TotalCount").GetInt32();

        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Tags", tags)));

        Expect.InvalidParameter(response, "Tags");
        Assert.Equal(before, Expect.Ok(await factory.Client.CallAsync("ListKeys")).GetProperty("TotalCount").GetInt32());
    }
}
