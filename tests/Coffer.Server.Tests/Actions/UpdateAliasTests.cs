namespace Coffer.Server.Tests.Actions;

public sealed class UpdateAliasTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task UpdateAlias_NewTarget_EncryptAndDescribeKeyFollowTheAlias()
    {
        var first = await factory.Client.CreateKeyAsync();
        var second = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/follows", first);
        var oldBlob = await factory.Client.EncryptAsync("alias/follows", "before");

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/follows"), ("KeyId", second)));

        Assert.Equal(["RequestId"], Expect.Ok(response).EnumerateObject().Select(p => p.Name));
        var encrypted = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", "alias/follows"), ("Plaintext", "after"))));
        Assert.Equal(second, encrypted.GetProperty("KeyId").GetString());
        var described = Expect.Ok(await factory.Client.CallAsync(
            "DescribeKey", Params.Of(("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:alias/follows"))));
        Assert.Equal(second, described.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
        var decrypted = Expect.Ok(await factory.Client.DecryptAsync(oldBlob));
        Assert.Equal(first, decrypted.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task UpdateAlias_KeyArn_TargetsTheKey()
    {
        var first = await factory.Client.CreateKeyAsync();
        var second = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/update-arn", first);

        var response = await factory.Client.CallAsync(
            "UpdateAlias", Params.Of(("AliasName", "alias/update-arn"), ("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{second}")));

        Expect.Ok(response);
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/update-arn"))));
        Assert.Equal(second, described.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task UpdateAlias_UnknownAlias_ReturnsAliasNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/never-made"), ("KeyId", keyId)));

        Expect.AliasNotFound(response);
    }

    [Fact]
    public async Task UpdateAlias_DeletedAlias_ReturnsAliasNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/deleted-then-updated", keyId);
        Expect.Ok(await factory.Client.CallAsync("DeleteAlias", Params.Of(("AliasName", "alias/deleted-then-updated"))));

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/deleted-then-updated"), ("KeyId", keyId)));

        Expect.AliasNotFound(response);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("alias/acs-x")]
    [InlineData("alias/a*b")]
    public async Task UpdateAlias_InvalidName_ReturnsInvalidParameterAliasName(string name)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", name), ("KeyId", keyId)));

        Expect.InvalidParameter(response, "AliasName");
    }

    [Theory]
    [InlineData("AliasName")]
    [InlineData("KeyId")]
    public async Task UpdateAlias_RequiredParameterAbsent_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("AliasName", "alias/x"), ("KeyId", "k"));
        parameters.Remove(name);

        var response = await factory.Client.CallAsync("UpdateAlias", parameters);

        Expect.MissingParameter(response, name);
    }

    [Fact]
    public async Task UpdateAlias_UnknownKey_ReturnsKeyNotFound()
    {
        await factory.Client.CreateAliasAsync("alias/to-unknown", await factory.Client.CreateKeyAsync());

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/to-unknown"), ("KeyId", Guid.NewGuid().ToString())));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task UpdateAlias_AliasAsKeyId_ReturnsUnsupportedAlias()
    {
        await factory.Client.CreateAliasAsync("alias/update-self", await factory.Client.CreateKeyAsync());

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/update-self"), ("KeyId", "alias/update-self")));

        Expect.Error(response, "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task UpdateAlias_TargetPendingDeletion_ReturnsPendingDeletionAndKeepsTheOldTarget()
    {
        var first = await factory.Client.CreateKeyAsync();
        var pending = await factory.Client.CreateKeyAsync();
        await factory.Client.ScheduleKeyDeletionAsync(pending);
        await factory.Client.CreateAliasAsync("alias/stays", first);

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/stays"), ("KeyId", pending)));

        Expect.Error(response, "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion.");
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/stays"))));
        Assert.Equal(first, described.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task UpdateAlias_TargetDisabled_Succeeds()
    {
        var disabled = await factory.Client.CreateKeyAsync();
        await factory.Client.DisableKeyAsync(disabled);
        await factory.Client.CreateAliasAsync("alias/to-disabled", await factory.Client.CreateKeyAsync());

        var response = await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", "alias/to-disabled"), ("KeyId", disabled)));

        Expect.Ok(response);
    }
}
