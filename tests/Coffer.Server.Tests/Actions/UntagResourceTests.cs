namespace Coffer.Server.Tests.Actions;

public sealed class UntagResourceTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task UntagResource_TagKeysJson_RemovesThemAndSkipsAbsentOnes()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"), ("b", "2"));

        var response = await factory.Client.CallAsync("UntagResource", Params.Of(("KeyId", keyId), ("TagKeys", "[\"a\",\"absent\"]")));

        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));
        Assert.Equal([("b", "2")], await factory.Client.TagsOfAsync(keyId));
    }

    [Theory]
    [InlineData("KeyId")]
    [InlineData("TagKeys")]
    public async Task UntagResource_RequiredParameterAbsent_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("KeyId", "k"), ("TagKeys", "[\"a\"]"));
        parameters.Remove(name);

        Expect.MissingParameter(await factory.Client.CallAsync("UntagResource", parameters), name);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a\"")]
    [InlineData("[1]")]
    [InlineData("[\"acs:x\"]")]
    public async Task UntagResource_BadTagKeys_ReturnsInvalidParameterTagKeys(string tagKeys)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        Expect.InvalidParameter(await factory.Client.CallAsync("UntagResource", Params.Of(("KeyId", keyId), ("TagKeys", tagKeys))), "TagKeys");
    }

    [Fact]
    public async Task UntagResource_UnknownKeyOrAlias_ReturnsKeyNotFoundOrUnsupportedAlias()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("UntagResource", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("TagKeys", "[\"a\"]"))));
        Expect.Error(
            await factory.Client.CallAsync("UntagResource", Params.Of(("KeyId", "alias/x"), ("TagKeys", "[\"a\"]"))),
            "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task UntagResource_KeyPendingDeletion_ReturnsPendingDeletion()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"));
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var response = await factory.Client.CallAsync("UntagResource", Params.Of(("KeyId", keyId), ("TagKeys", "[\"a\"]")));

        Expect.Error(response, "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion.");
    }
}
