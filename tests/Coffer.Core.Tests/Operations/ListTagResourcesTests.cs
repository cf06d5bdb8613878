using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;
using static Coffer.Core.Tests.Operations.TagResourcesTests;

namespace Coffer.Core.Tests.Operations;

public sealed class ListTagResourcesTests
{
    [Fact]
    public async Task ListTagResources_NoResourceIds_OneRowPerKeyAndTagOrderedByKeyThenTag()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await kms.CreateKeyAsync();
        await TagAsync(kms, [first.Id.Value], new Tag("b", "2"), new Tag("a", "1"));
        await TagAsync(kms, [second.Id.Value], new Tag("c", "3"));

        var page = await List(kms, [], []);

        var expected = new[] { (first.Id, new Tag("a", "1")), (first.Id, new Tag("b", "2")), (second.Id, new Tag("c", "3")) }
            .OrderBy(r => r.Id.Value, StringComparer.Ordinal).ThenBy(r => r.Item2.Key, StringComparer.Ordinal);
        Assert.Equal(expected.Select(r => (r.Id.Value, r.Item2)), page.Rows);
        Assert.Equal("", page.NextToken);
    }

    [Fact]
    public async Task ListTagResources_ResourceIds_OnlyThoseKeysByIdOrArn()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await TagAsync(kms, [first.Id.Value, second.Id.Value], new Tag("a", "1"));

        var page = await List(kms, [KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, second.Id)], []);

        Assert.Equal([(second.Id.Value, new Tag("a", "1"))], page.Rows);
    }

    [Fact]
    public async Task ListTagResources_TagFilter_RowsMatchingAKeyAndOptionalValue()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("env", "prod"), new Tag("team", "a"), new Tag("owner", "me"));

        var byKey = await List(kms, [key.Id.Value], [new Tag("team", "")]);
        var byValue = await List(kms, [key.Id.Value], [new Tag("env", "dev"), new Tag("owner", "me")]);

        Assert.Equal([(key.Id.Value, new Tag("team", "a"))], byKey.Rows);
        Assert.Equal([(key.Id.Value, new Tag("owner", "me"))], byValue.Rows);
    }

    [Fact]
    public async Task ListTagResources_OtherAccountsTags_NotListed()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);
        await kms.Get<TagResources>().HandleAsync(other, new TagResourcesRequest([theirs.Id.Value], "key", [new Tag("a", "1")]), Ct);

        var page = await List(kms, [], []);

        Assert.Empty(page.Rows);
    }

    [Fact]
    public async Task ListTagResources_MoreThan200Rows_PagesWithNextTokenUntilEmpty()
    {
        await using var kms = await CreateAsync();
        var expected = new List<(string, Tag)>();
        for (var k = 0; k < 21; k++)
        {
            var key = await kms.CreateKeyAsync();
            var tags = Enumerable.Range(0, 20).Select(i => new Tag($"t{i:D2}", "v")).ToArray();
            await TagAsync(kms, [key.Id.Value], tags);
            expected.AddRange(tags.Select(t => (key.Id.Value, t)));
        }

        var first = await List(kms, [], []);
        var second = await List(kms, [], [], first.NextToken);
        var third = await List(kms, [], [], second.NextToken);

        Assert.Equal(200, first.Rows.Count);
        Assert.Equal(200, second.Rows.Count);
        Assert.Equal(20, third.Rows.Count);
        Assert.NotEqual("", first.NextToken);
        Assert.NotEqual("", second.NextToken);
        Assert.Equal("", third.NextToken);
        Assert.Equal(
            expected.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2.Key, StringComparer.Ordinal),
            first.Rows.Concat(second.Rows).Concat(third.Rows));
    }

    [Fact]
    public async Task ListTagResources_Exactly200Rows_OnePageWithoutNextToken()
    {
        await using var kms = await CreateAsync();
        for (var k = 0; k < 10; k++)
        {
            await TagAsync(kms, [(await kms.CreateKeyAsync()).Id.Value], [.. Enumerable.Range(0, 20).Select(i => new Tag($"t{i}", "v"))]);
        }

        var page = await List(kms, [], []);

        Assert.Equal(200, page.Rows.Count);
        Assert.Equal("", page.NextToken);
    }

    [Fact]
    public async Task ListTagResources_FilterAcrossManyRows_PagesOverMatchesOnly()
    {
        await using var kms = await CreateAsync();
        var matching = new List<KeyId>();
        for (var k = 0; k < 60; k++)
        {
            var key = await kms.CreateKeyAsync();
            await TagAsync(kms, [key.Id.Value], [.. Enumerable.Range(0, 19).Select(i => new Tag($"noise{i}", "v")), new Tag("pick", k % 2 == 0 ? "yes" : "no")]);
            if (k % 2 == 0)
            {
                matching.Add(key.Id);
            }
        }

        var first = await List(kms, [], [new Tag("pick", "yes")]);

        Assert.Equal(30, first.Rows.Count);
        Assert.Equal("", first.NextToken);
        Assert.Equal(matching.Select(k => k.Value).Order(StringComparer.Ordinal), first.Rows.Select(r => r.ResourceId));
    }

    [Fact]
    public async Task ListTagResources_KeyPendingDeletion_StillListed()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"));
        Assert.True(await kms.Keys.TryUpdateAsync(key with { State = KeyState.PendingDeletion }, key.Revision, Ct));

        var page = await List(kms, [key.Id.Value], []);

        Assert.Single(page.Rows);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("LTE=")]
    [InlineData("YWJj")]
    [InlineData("OTk5OTk5OTk5OTk5")]
    public async Task ListTagResources_BadNextToken_ThrowsInvalidParameterNextToken(string token)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => List(kms, [], [], token));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("NextToken", error.Detail);
    }

    [Fact]
    public async Task ListTagResources_UnknownKeyOrAlias_Throws404OrUnsupportedAlias()
    {
        await using var kms = await CreateAsync();

        var unknown = await Assert.ThrowsAsync<KmsException>(() => List(kms, ["missing"], []));
        var alias = await Assert.ThrowsAsync<KmsException>(() => List(kms, ["alias/a"], []));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.UnsupportedAlias, alias.Code);
    }

    [Fact]
    public async Task ListTagResources_BadTypeOrFilterOr51Resources_ThrowsInvalidParameterNamingIt()
    {
        await using var kms = await CreateAsync();

        var type = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<ListTagResources>().HandleAsync(kms.Caller, new ListTagResourcesRequest([], "certificate", [], null), Ct));
        var filter = await Assert.ThrowsAsync<KmsException>(() => List(kms, [], [new Tag("", "v")]));
        var many = await Assert.ThrowsAsync<KmsException>(() => List(kms, [.. Enumerable.Range(0, 51).Select(i => $"k{i}")], []));

        Assert.Equal("ResourceType", type.Detail);
        Assert.Equal("Tag", filter.Detail);
        Assert.Equal("ResourceId", many.Detail);
    }

    private static Task<ListTagResourcesResult> List(KmsHarness kms, string[] resourceIds, Tag[] filter, string? token = null) =>
        kms.Get<ListTagResources>().HandleAsync(kms.Caller, new ListTagResourcesRequest(resourceIds, "key", filter, token), Ct);
}
