using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

public sealed class CreateAliasTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task CreateAlias_KeyId_AnswersRequestIdOnlyAndTheAliasResolves()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/create-ok"), ("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId"], json.EnumerateObject().Select(p => p.Name));
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/create-ok"))));
        Assert.Equal(keyId, described.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task CreateAlias_Created_EncryptAndDescribeKeyByAliasAndAliasArn()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/app/by-forms", keyId);
        var aliasArn = $"acs:kms:cn-hangzhou:{factory.AccountId}:alias/app/by-forms";

        var byName = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", "alias/app/by-forms"), ("Plaintext", "x"))));
        var byArn = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", aliasArn), ("Plaintext", "x"))));
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", aliasArn))));

        Assert.Equal(keyId, byName.GetProperty("KeyId").GetString());
        Assert.Equal(keyId, byArn.GetProperty("KeyId").GetString());
        Assert.Equal(keyId, described.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
        var decrypted = Expect.Ok(await factory.Client.DecryptAsync(byName.GetProperty("CiphertextBlob").GetString()!));
        Assert.Equal("x", decrypted.GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task CreateAlias_KeyArn_TargetsTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "CreateAlias", Params.Of(("AliasName", "alias/create-by-arn"), ("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}")));

        Expect.Ok(response);
        var described = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/create-by-arn"))));
        Assert.Equal(keyId, described.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
    }

    [Theory]
    [InlineData(WirePlacement.GetQuery)]
    [InlineData(WirePlacement.PostForm)]
    [InlineData(WirePlacement.Terraform)]
    public async Task CreateAlias_EveryWirePlacement_Succeeds(WirePlacement placement)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", $"alias/placed-{placement}"), ("KeyId", keyId)), placement);

        Expect.Ok(response);
    }

    [Fact]
    public async Task CreateAlias_SignedV3_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallSignedV3Async("CreateAlias", Params.Of(("AliasName", "alias/create-v3"), ("KeyId", keyId)));

        Expect.Ok(response);
    }

    [Fact]
    public async Task CreateAlias_TakenName_ReturnsAliasAlreadyExists()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/taken", keyId);

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/taken"), ("KeyId", await factory.Client.CreateKeyAsync())));

        Expect.Error(response, "AliasAlreadyExists", 400, "AliasName Already Exists.");
    }

    [Theory]
    [InlineData("no-prefix")]
    [InlineData("alias/")]
    [InlineData("alias/acs")]
    [InlineData("alias/acs-service")]
    [InlineData("alias/with space")]
    [InlineData("alias/dot.ted")]
    [InlineData("alias/\u4e2d")]
    public async Task CreateAlias_InvalidName_ReturnsInvalidParameterAliasName(string name)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", name), ("KeyId", keyId)));

        Expect.InvalidParameter(response, "AliasName");
    }

    [Fact]
    public async Task CreateAlias_NameOf256Characters_ReturnsInvalidParameterAliasName()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var longest = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/" + new string('a', 249)), ("KeyId", keyId)));
        var tooLong = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/" + new string('b', 250)), ("KeyId", keyId)));

        Expect.Ok(longest);
        Expect.InvalidParameter(tooLong, "AliasName");
    }

    [Theory]
    [InlineData("AliasName")]
    [InlineData("KeyId")]
    public async Task CreateAlias_RequiredParameterAbsentOrEmpty_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("AliasName", "alias/missing-param"), ("KeyId", "whatever"));
        parameters.Remove(name);
        var empty = new Dictionary<string, string>(parameters) { [name] = "" };

        Expect.MissingParameter(await factory.Client.CallAsync("CreateAlias", parameters), name);
        Expect.MissingParameter(await factory.Client.CallAsync("CreateAlias", empty), name);
    }

    [Fact]
    public async Task CreateAlias_NothingGiven_NamesAliasNameFirst()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("CreateAlias"), "AliasName");
    }

    [Fact]
    public async Task CreateAlias_InvalidNameAndUnknownKey_ReturnsInvalidParameterBeforeTheLookup()
    {
        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "bad"), ("KeyId", Guid.NewGuid().ToString())));

        Expect.InvalidParameter(response, "AliasName");
    }

    [Fact]
    public async Task CreateAlias_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/for-nothing"), ("KeyId", Guid.NewGuid().ToString())));

        Expect.KeyNotFound(response);
    }

    [Theory]
    [InlineData("alias/target")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/target")]
    public async Task CreateAlias_AliasAsKeyId_ReturnsUnsupportedAlias(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync($"alias/target-{Guid.NewGuid():N}", keyId);
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/via-alias"), ("KeyId", reference)));

        Expect.Error(response, "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task CreateAlias_KeyPendingDeletion_ReturnsStateModifiedFailed()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/on-pending"), ("KeyId", keyId)));

        Expect.Error(response, "Rejected.StateModifiedFailed", 409, "Keystate modified failed.");
    }

    [Fact]
    public async Task CreateAlias_KeyDisabled_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.DisableKeyAsync(keyId);

        var response = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/on-disabled"), ("KeyId", keyId)));

        Expect.Ok(response);
    }
}
