namespace Coffer.Server.Tests.Actions;

public sealed class TagResourceTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task TagResource_TagsJson_AddsAndOverwritesAndAnswersRequestIdOnly()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("env", "dev"));

        var response = await factory.Client.CallAsync(
            "TagResource", Params.Of(("KeyId", keyId), ("Tags", "[{\"TagKey\":\"env\",\"TagValue\":\"prod\"},{\"TagKey\":\"team\",\"TagValue\":\"a\"}]")));

        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));
        Assert.Equal([("env", "prod"), ("team", "a")], await factory.Client.TagsOfAsync(keyId));
    }

    [Fact]
    public async Task TagResource_KeyArn_TagsTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "TagResource", Params.Of(("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}"), ("Tags", "[{\"TagKey\":\"a\",\"TagValue\":\"1\"}]")));

        Expect.Ok(response);
        Assert.Equal([("a", "1")], await factory.Client.TagsOfAsync(keyId));
    }

    [Theory]
    [InlineData("KeyId")]
    [InlineData("Tags")]
    public async Task TagResource_RequiredParameterAbsent_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("KeyId", "k"), ("Tags", "[{\"TagKey\":\"a\"}]"));
        parameters.Remove(name);

        Expect.MissingParameter(await factory.Client.CallAsync("TagResource", parameters), name);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"TagKey\":\"a\"}")]
    [InlineData("[{\"TagKey\":\"a\"")]
    [InlineData("[{\"Key\":\"a\",\"Value\":\"1\"}]")]
    [InlineData("[{\"TagKey\":\"aliyun-x\",\"TagValue\":\"1\"}]")]
    [InlineData("[{\"TagKey\":\"a\",\"TagValue\":\"1\"},{\"TagKey\":\"a\",\"TagValue\":\"2\"}]")]
    public async Task TagResource_BadTags_ReturnsInvalidParameterTags(string tags)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        Expect.InvalidParameter(await factory.Client.CallAsync("TagResource", Params.Of(("KeyId", keyId), ("Tags", tags))), "Tags");
    }

    [Theory]
    [InlineData("SecretName")]
    [InlineData("CertificateId")]
    public async Task TagResource_OtherResourceKinds_ReturnInvalidParameterNamingThem(string name)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("TagResource", Params.Of(("KeyId", keyId), ("Tags", "[{\"TagKey\":\"a\"}]"), (name, "x")));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task TagResource_UnknownKeyOrAlias_ReturnsKeyNotFoundOrUnsupportedAlias()
    {
        var tags = "[{\"TagKey\":\"a\"}]";

        Expect.KeyNotFound(await factory.Client.CallAsync("TagResource", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Tags", tags))));
        Expect.Error(
            await factory.Client.CallAsync("TagResource", Params.Of(("KeyId", "alias/x"), ("Tags", tags))),
            "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task TagResource_KeyPendingDeletion_ReturnsPendingDeletion()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var response = await factory.Client.CallAsync("TagResource", Params.Of(("KeyId", keyId), ("Tags", "[{\"TagKey\":\"a\"}]")));

        Expect.Error(response, "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion.");
    }
}
