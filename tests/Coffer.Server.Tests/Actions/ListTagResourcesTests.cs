using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

public sealed class ListTagResourcesTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ListTagResources_OneKey_RowPerTagWithResourceTypeKeyAndEmptyNextToken()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("b", "2"), ("a", "1"));

        var json = Expect.Ok(await factory.Client.CallAsync(
            "ListTagResources", Params.Of(("ResourceId.1", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}"), ("ResourceType", "key"))));

        Assert.Equal(["RequestId", "NextToken", "TagResources"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("", json.GetProperty("NextToken").GetString());
        var rows = json.Items("TagResources", "TagResource");
        Assert.All(rows, r => Assert.Equal(["ResourceId", "ResourceType", "TagKey", "TagValue"], r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(
            [(keyId, "key", "a", "1"), (keyId, "key", "b", "2")],
            rows.Select(r => (r.GetProperty("ResourceId").GetString(), r.GetProperty("ResourceType").GetString(),
                r.GetProperty("TagKey").GetString(), r.GetProperty("TagValue").GetString())));
    }

    [Fact]
    public async Task ListTagResources_220Rows_PagesOf200ByNextTokenAsTerraformLoops()
    {
        var keys = new List<string>();
        var parameters = Params.Of(("ResourceType", "key"));
        for (var k = 0; k < 11; k++)
        {
            keys.Add(await factory.Client.CreateKeyAsync());
            parameters[$"ResourceId.{k + 1}"] = keys[^1];
            var tags = Enumerable.Range(0, 20).Select(i => ($"t{i:D2}", $"{k}")).ToArray();
            await factory.Client.TagKeyAsync(keys[^1], tags);
        }

        var pages = new List<int>();
        var rows = new List<(string, string)>();
        string? token = null;
        do
        {
            var call = new Dictionary<string, string>(parameters);
            if (token is not null)
            {
                call["NextToken"] = token;
            }

            var json = Expect.Ok(await factory.Client.CallAsync("ListTagResources", call, WirePlacement.Terraform));
            var page = json.Items("TagResources", "TagResource");
            pages.Add(page.Count);
            rows.AddRange(page.Select(r => (r.GetProperty("ResourceId").GetString()!, r.GetProperty("TagKey").GetString()!)));
            token = json.GetProperty("NextToken").GetString();
        }
        while (token is { Length: > 0 });

        Assert.Equal([200, 20], pages);
        Assert.Equal(220, rows.Distinct().Count());
        Assert.Equal(
            keys.Order(StringComparer.Ordinal).SelectMany(k => Enumerable.Range(0, 20).Select(i => (k, $"t{i:D2}"))),
            rows);
    }

    [Fact]
    public async Task ListTagResources_TagFilter_OnlyMatchingRows()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("env", "prod"), ("team", "a"), ("owner", "me"));

        var byKey = Expect.Ok(await factory.Client.CallAsync(
            "ListTagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "team"))));
        var byValue = Expect.Ok(await factory.Client.CallAsync(
            "ListTagResources",
            Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"), ("Tag.1.Key", "env"), ("Tag.1.Value", "dev"), ("Tag.2.Key", "owner"), ("Tag.2.Value", "me"))));

        Assert.Equal(["team"], byKey.Items("TagResources", "TagResource").Select(r => r.GetProperty("TagKey").GetString()));
        Assert.Equal(["owner"], byValue.Items("TagResources", "TagResource").Select(r => r.GetProperty("TagKey").GetString()));
    }

    [Fact]
    public async Task ListTagResources_NoResourceId_ListsEveryKeysTags()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("everywhere", "1"));

        var json = Expect.Ok(await factory.Client.CallAsync("ListTagResources", Params.Of(("ResourceType", "key"), ("Tag.1.Key", "everywhere"))));

        Assert.Contains(json.Items("TagResources", "TagResource"), r => r.GetProperty("ResourceId").GetString() == keyId);
    }

    [Fact]
    public async Task ListTagResources_KeyWithoutTags_EmptyWrappedList()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("ListTagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key")));

        Expect.Ok(response);
        Assert.Contains("\"TagResources\":{\"TagResource\":[]}", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTagResources_KeyPendingDeletion_StillLists()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"));
        await factory.Client.ScheduleKeyDeletionAsync(keyId);

        var json = Expect.Ok(await factory.Client.CallAsync("ListTagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"))));

        Assert.Single(json.Items("TagResources", "TagResource"));
    }

    [Fact]
    public async Task ListTagResources_SignedV3_Lists()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.TagKeyAsync(keyId, ("a", "1"));

        var json = Expect.Ok(await factory.Client.CallSignedV3Async("ListTagResources", Params.Of(("ResourceId.1", keyId), ("ResourceType", "key"))));

        Assert.Single(json.Items("TagResources", "TagResource"));
    }

    [Fact]
    public async Task ListTagResources_NoResourceType_ReturnsMissingParameterResourceType()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("ListTagResources"), "ResourceType");
    }

    [Theory]
    [InlineData("NextToken", "not*base64")]
    [InlineData("NextToken", "YWJj")]
    [InlineData("ResourceType", "Secret")]
    [InlineData("Tag.1.Value", "value-without-key")]
    public async Task ListTagResources_BadValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var parameters = Params.Of(("ResourceType", "key"));
        parameters[name] = value;

        var response = await factory.Client.CallAsync("ListTagResources", parameters);

        Expect.InvalidParameter(response, name.Split('.')[0]);
    }

    [Fact]
    public async Task ListTagResources_UnknownKeyOrAlias_ReturnsKeyNotFoundOrUnsupportedAlias()
    {
        var unknown = await factory.Client.CallAsync("ListTagResources", Params.Of(("ResourceId.1", Guid.NewGuid().ToString()), ("ResourceType", "key")));
        var alias = await factory.Client.CallAsync("ListTagResources", Params.Of(("ResourceId.1", "alias/x"), ("ResourceType", "key")));

        Expect.KeyNotFound(unknown);
        Expect.Error(alias, "Unsupported.Alias", 400, "Alias is not valid for this api.");
    }
}
