namespace Coffer.Server.Tests.Actions;

public sealed class DescribeKeyVersionTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DescribeKeyVersion_FirstVersion_ReturnsItsCreationDateKeyIdAndVersionId()
    {
        var metadata = Expect.Ok(await factory.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");
        var keyId = metadata.GetProperty("KeyId").GetString()!;
        var versionId = metadata.GetProperty("PrimaryKeyVersion").GetString()!;

        var response = await factory.Client.CallAsync("DescribeKeyVersion", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyVersion"], json.EnumerateObject().Select(p => p.Name));
        var version = json.GetProperty("KeyVersion");
        Assert.Equal(["CreationDate", "KeyId", "KeyVersionId"], version.EnumerateObject().Select(p => p.Name));
        Assert.Equal(metadata.GetProperty("CreationDate").GetString(), version.GetProperty("CreationDate").GetString());
        Assert.Equal(keyId, version.GetProperty("KeyId").GetString());
        Assert.Equal(versionId, version.GetProperty("KeyVersionId").GetString());
    }

    [Fact]
    public async Task DescribeKeyVersion_OlderVersionAfterRotation_IsStillDescribed()
    {
        var metadata = Expect.Ok(await factory.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");
        var keyId = metadata.GetProperty("KeyId").GetString()!;
        Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallAsync(
            "DescribeKeyVersion", Params.Of(("KeyId", factory.KeyArn(keyId)), ("KeyVersionId", metadata.GetProperty("PrimaryKeyVersion").GetString()!)));

        Assert.Equal(metadata.GetProperty("PrimaryKeyVersion").GetString(), Expect.Ok(response).GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString());
    }

    [Fact]
    public async Task DescribeKeyVersion_PendingDeletionKey_IsDescribed()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();
        var versionId = (await factory.Client.DescribeAsync(keyId)).GetProperty("PrimaryKeyVersion").GetString()!;

        Expect.Ok(await factory.Client.CallAsync("DescribeKeyVersion", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId))));
    }

    [Fact]
    public async Task DescribeKeyVersion_VersionOfAnotherKey_ReturnsKeyVersionNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var otherVersion = (await factory.Client.DescribeAsync(await factory.Client.CreateKeyAsync())).GetProperty("PrimaryKeyVersion").GetString()!;

        var response = await factory.Client.CallAsync("DescribeKeyVersion", Params.Of(("KeyId", keyId), ("KeyVersionId", otherVersion)));

        Expect.Error(response, "Forbidden.KeyVersionNotFound", 404, "The specified KeyVersion is not found.");
    }

    [Theory]
    [InlineData("not-a-version")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task DescribeKeyVersion_UnknownVersion_ReturnsKeyVersionNotFound(string versionId)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("DescribeKeyVersion", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        Expect.Error(response, "Forbidden.KeyVersionNotFound", 404, "The specified KeyVersion is not found.");
    }

    [Fact]
    public async Task DescribeKeyVersion_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync(
            "DescribeKeyVersion", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("KeyVersionId", Guid.NewGuid().ToString())));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task DescribeKeyVersion_UnknownAlias_ReturnsAliasNotFound()
    {
        var response = await factory.Client.CallAsync(
            "DescribeKeyVersion", Params.Of(("KeyId", "alias/no-such-alias"), ("KeyVersionId", Guid.NewGuid().ToString())));

        Expect.AliasNotFound(response);
    }

    [Fact]
    public async Task DescribeKeyVersion_NoKeyVersionId_ReturnsMissingParameterKeyVersionId()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        Expect.MissingParameter(await factory.Client.CallAsync("DescribeKeyVersion", Params.Of(("KeyId", keyId))), "KeyVersionId");
    }

    [Fact]
    public async Task DescribeKeyVersion_NothingGiven_NamesKeyIdFirst()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("DescribeKeyVersion"), "KeyId");
    }

    [Theory]
    [InlineData("alias/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:alias/{0}")]
    public async Task DescribeKeyVersion_AliasForms_ResolveToTheKey(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var versionId = (await factory.Client.DescribeAsync(keyId)).GetProperty("PrimaryKeyVersion").GetString()!;
        var name = "version-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync("alias/" + name, keyId);
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name, factory.AccountId);

        var response = await factory.Client.CallAsync("DescribeKeyVersion", Params.Of(("KeyId", reference), ("KeyVersionId", versionId)));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyVersion").GetProperty("KeyId").GetString());
    }
}
