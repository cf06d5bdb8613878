namespace Coffer.Server.Tests.Actions;

public sealed class ListAliasesByKeyIdTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ListAliasesByKeyId_TwoKeys_OnlyTheNamedKeysAliasesInCreationOrder()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var other = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/by-key-1", keyId);
        await factory.Client.CreateAliasAsync("alias/by-key-other", other);
        await Task.Delay(5, TestContext.Current.CancellationToken);
        await factory.Client.CreateAliasAsync("alias/by-key-2", keyId);

        var json = Expect.Ok(await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("KeyId", keyId))));

        Assert.Equal(["RequestId", "Aliases", "TotalCount", "PageNumber", "PageSize"], json.EnumerateObject().Select(p => p.Name));
        var aliases = json.Items("Aliases", "Alias");
        Assert.Equal(["alias/by-key-1", "alias/by-key-2"], aliases.Select(a => a.GetProperty("AliasName").GetString()));
        Assert.All(aliases, a => Assert.Equal(keyId, a.GetProperty("KeyId").GetString()));
        Assert.Equal($"acs:kms:cn-hangzhou:{factory.AccountId}:alias/by-key-1", aliases[0].GetProperty("AliasArn").GetString());
        Assert.Equal((2, 1, 10), (json.GetProperty("TotalCount").GetInt32(), json.GetProperty("PageNumber").GetInt32(), json.GetProperty("PageSize").GetInt32()));
    }

    [Fact]
    public async Task ListAliasesByKeyId_KeyArnAndPaging_SecondPage()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        for (var i = 0; i < 3; i++)
        {
            await factory.Client.CreateAliasAsync($"alias/arn-paged-{i}", keyId);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var json = Expect.Ok(await factory.Client.CallAsync(
            "ListAliasesByKeyId",
            Params.Of(("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}"), ("PageNumber", "2"), ("PageSize", "2"))));

        Assert.Equal(["alias/arn-paged-2"], json.Items("Aliases", "Alias").Select(a => a.GetProperty("AliasName").GetString()));
        Assert.Equal(3, json.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task ListAliasesByKeyId_KeyWithoutAliases_EmptyWrappedList()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("KeyId", keyId)));

        Assert.Contains("\"Aliases\":{\"Alias\":[]}", response.Text, StringComparison.Ordinal);
        Assert.Equal(0, Expect.Ok(response).GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task ListAliasesByKeyId_KeyPendingDeletion_StillLists()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/pending-listed", keyId);
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var json = Expect.Ok(await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("KeyId", keyId))));

        Assert.Single(json.Items("Aliases", "Alias"));
    }

    [Theory]
    [InlineData("alias/by-alias")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/by-alias")]
    public async Task ListAliasesByKeyId_AliasForms_ReturnUnsupportedAlias(string template)
    {
        var response = await factory.Client.CallAsync(
            "ListAliasesByKeyId", Params.Of(("KeyId", string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId))));

        Expect.Error(response, "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }

    [Fact]
    public async Task ListAliasesByKeyId_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task ListAliasesByKeyId_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("PageSize", "0"))), "KeyId");
    }

    [Fact]
    public async Task ListAliasesByKeyId_BadPageSizeAndUnknownKey_ReturnsInvalidParameterFirst()
    {
        var response = await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("PageSize", "101")));

        Expect.InvalidParameter(response, "PageSize");
    }
}
