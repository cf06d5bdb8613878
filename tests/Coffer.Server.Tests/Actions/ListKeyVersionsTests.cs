using System.Text.Json;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class ListKeyVersionsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ListKeyVersions_NewKey_ListsItsOneVersion()
    {
        var metadata = Expect.Ok(await factory.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");
        var keyId = metadata.GetProperty("KeyId").GetString()!;

        var response = await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyVersions", "TotalCount", "PageNumber", "PageSize"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("TotalCount").ValueKind);
        Assert.Equal(1, json.GetProperty("TotalCount").GetInt32());
        Assert.Equal(1, json.GetProperty("PageNumber").GetInt32());
        Assert.Equal(10, json.GetProperty("PageSize").GetInt32());
        var version = Assert.Single(json.GetProperty("KeyVersions").GetProperty("KeyVersion").EnumerateArray());
        Assert.Equal(["CreationDate", "KeyId", "KeyVersionId"], version.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, version.GetProperty("KeyId").GetString());
        Assert.Equal(metadata.GetProperty("PrimaryKeyVersion").GetString(), version.GetProperty("KeyVersionId").GetString());
        Assert.Equal(metadata.GetProperty("CreationDate").GetString(), version.GetProperty("CreationDate").GetString());
    }

    [Fact]
    public async Task ListKeyVersions_PagedInTwos_ConcatenatesToEveryVersionOldestFirst()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var created = new List<string> { (await factory.Client.DescribeAsync(keyId)).GetProperty("PrimaryKeyVersion").GetString()! };
        for (var i = 0; i < 4; i++)
        {
            created.Add(Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))))
                .GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString()!);
        }

        var listed = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var json = Expect.Ok(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId), ("PageNumber", Text(page)), ("PageSize", "2"))));
            Assert.Equal(5, json.GetProperty("TotalCount").GetInt32());
            listed.AddRange(json.GetProperty("KeyVersions").GetProperty("KeyVersion").EnumerateArray().Select(v => v.GetProperty("KeyVersionId").GetString()!));
        }

        Assert.Equal(created, listed);
    }

    [Fact]
    public async Task ListKeyVersions_PagePastTheEnd_ReturnsEmptyListWithTheTrueTotalCount()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId), ("PageNumber", "9"), ("PageSize", "100")));

        var json = Expect.Ok(response);
        Assert.Empty(json.GetProperty("KeyVersions").GetProperty("KeyVersion").EnumerateArray());
        Assert.Equal(1, json.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task ListKeyVersions_Xml_WrapsEachVersion()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId), ("Format", "XML")));

        var root = System.Xml.Linq.XDocument.Parse(response.Text).Root!;
        Assert.Equal("ListKeyVersionsResponse", root.Name.LocalName);
        Assert.Equal(keyId, root.Element("KeyVersions")!.Element("KeyVersion")!.Element("KeyId")!.Value);
    }

    [Fact]
    public async Task ListKeyVersions_PendingDeletionKeyByArn_IsListed()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var response = await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", factory.KeyArn(keyId))));

        Assert.Equal(1, Expect.Ok(response).GetProperty("TotalCount").GetInt32());
    }

    [Theory]
    [InlineData("PageSize", "0")]
    [InlineData("PageSize", "101")]
    [InlineData("PageSize", "x")]
    [InlineData("PageNumber", "0")]
    [InlineData("PageNumber", "-1")]
    public async Task ListKeyVersions_PagingOutOfRange_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId), (name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task ListKeyVersions_UnknownAlias_ReturnsAliasNotFound()
    {
        Expect.AliasNotFound(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", "alias/no-such-alias"))));
    }

    [Fact]
    public async Task ListKeyVersions_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task ListKeyVersions_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("ListKeyVersions"), "KeyId");
    }

    [Theory]
    [InlineData("alias/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:alias/{0}")]
    public async Task ListKeyVersions_AliasForms_ListTheKeysVersions(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var name = "versions-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync("alias/" + name, keyId);
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name, factory.AccountId);

        var response = await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", reference)));

        var version = Assert.Single(Expect.Ok(response).GetProperty("KeyVersions").GetProperty("KeyVersion").EnumerateArray());
        Assert.Equal(keyId, version.GetProperty("KeyId").GetString());
    }
}
