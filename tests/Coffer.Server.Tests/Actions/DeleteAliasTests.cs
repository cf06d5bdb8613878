namespace Coffer.Server.Tests.Actions;

public sealed class DeleteAliasTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DeleteAlias_LiveAlias_AnswersRequestIdOnlyAndTheAliasNoLongerResolves()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/to-delete", keyId);

        var response = await factory.Client.CallAsync("DeleteAlias", Params.Of(("AliasName", "alias/to-delete")));

        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));
        Expect.AliasNotFound(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/to-delete"))));
        Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task DeleteAlias_KeyPendingDeletion_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/of-pending", keyId);
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var response = await factory.Client.CallAsync("DeleteAlias", Params.Of(("AliasName", "alias/of-pending")));

        Expect.Ok(response);
    }

    [Fact]
    public async Task DeleteAlias_UnknownAlias_ReturnsAliasNotFound()
    {
        var response = await factory.Client.CallAsync("DeleteAlias", Params.Of(("AliasName", "alias/never-made")));

        Expect.AliasNotFound(response);
    }

    [Fact]
    public async Task DeleteAlias_InvalidName_ReturnsInvalidParameterAliasName()
    {
        var response = await factory.Client.CallAsync("DeleteAlias", Params.Of(("AliasName", "not-an-alias")));

        Expect.InvalidParameter(response, "AliasName");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task DeleteAlias_NoAliasName_ReturnsMissingParameterAliasName(string? name)
    {
        var response = await factory.Client.CallAsync("DeleteAlias", name is null ? Params.Of() : Params.Of(("AliasName", name)));

        Expect.MissingParameter(response, "AliasName");
    }
}
