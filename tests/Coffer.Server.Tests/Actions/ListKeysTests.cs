using System.Text.Json;

namespace Coffer.Server.Tests.Actions;

public sealed class ListKeysTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ListKeys_NoParameters_ReturnsFirstPageOfTenWithTotalCount()
    {
        await CreateKeysAsync(12);

        var response = await factory.Client.CallAsync("ListKeys");

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "Keys", "TotalCount", "PageNumber", "PageSize"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("TotalCount").ValueKind);
        Assert.True(json.GetProperty("TotalCount").GetInt32() >= 12);
        Assert.Equal(1, json.GetProperty("PageNumber").GetInt32());
        Assert.Equal(10, json.GetProperty("PageSize").GetInt32());
        var keys = json.GetProperty("Keys").GetProperty("Key").EnumerateArray().ToList();
        Assert.Equal(10, keys.Count);
        Assert.All(keys, k => Assert.Equal(["KeyId", "KeyArn"], k.EnumerateObject().Select(p => p.Name)));
        Assert.All(keys, k => Assert.Equal(
            $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{k.GetProperty("KeyId").GetString()}", k.GetProperty("KeyArn").GetString()));
    }

    [Fact]
    public async Task ListKeys_NewKey_IsListed()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var all = await ListAllAsync(pageSize: 100);

        Assert.Contains(keyId, all);
    }

    [Fact]
    public async Task ListKeys_PagedInTwos_ConcatenatesToTheFullListOrderedByCreationThenId()
    {
        await CreateKeysAsync(5);
        var full = await ListAllAsync(pageSize: 100);

        var paged = await ListAllAsync(pageSize: 2);

        Assert.Equal(full, paged);
        Assert.Equal(full, await ListAllAsync(pageSize: 100));
        var created = new List<(DateTimeOffset Created, string KeyId)>();
        foreach (var keyId in full)
        {
            var metadata = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId)))).GetProperty("KeyMetadata");
            created.Add((KeyMetadataAssert.Time(metadata.GetProperty("CreationDate").GetString()!), keyId));
        }

        Assert.Equal(created.OrderBy(c => c.Created).ThenBy(c => c.KeyId, StringComparer.Ordinal).Select(c => c.KeyId), full);
    }

    [Fact]
    public async Task ListKeys_PagePastTheEnd_ReturnsEmptyListWithTheTrueTotalCount()
    {
        await CreateKeysAsync(3);
        var total = Expect.Ok(await factory.Client.CallAsync("ListKeys")).GetProperty("TotalCount").GetInt32();

        var response = await factory.Client.CallAsync("ListKeys", Params.Of(("PageNumber", "1000"), ("PageSize", "100")));

        var json = Expect.Ok(response);
        Assert.Empty(json.GetProperty("Keys").GetProperty("Key").EnumerateArray());
        Assert.Equal(total, json.GetProperty("TotalCount").GetInt32());
        Assert.Equal(1000, json.GetProperty("PageNumber").GetInt32());
        Assert.Equal(100, json.GetProperty("PageSize").GetInt32());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("100")]
    public async Task ListKeys_PageSizeAtTheBounds_IsAccepted(string pageSize)
    {
        await CreateKeysAsync(2);

        var response = await factory.Client.CallAsync("ListKeys", Params.Of(("PageSize", pageSize)));

        var json = Expect.Ok(response);
        Assert.Equal(int.Parse(pageSize, System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("PageSize").GetInt32());
        Assert.InRange(json.GetProperty("Keys").GetProperty("Key").GetArrayLength(), 1, int.Parse(pageSize, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("PageSize", "0")]
    [InlineData("PageSize", "101")]
    [InlineData("PageSize", "-1")]
    [InlineData("PageSize", "abc")]
    [InlineData("PageSize", "10.0")]
    [InlineData("PageSize", "+10")]
    [InlineData("PageSize", "99999999999")]
    [InlineData("PageNumber", "0")]
    [InlineData("PageNumber", "-1")]
    [InlineData("PageNumber", "one")]
    [InlineData("PageNumber", " 1")]
    public async Task ListKeys_PagingValueOutOfRangeOrMalformed_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var response = await factory.Client.CallAsync("ListKeys", Params.Of((name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Theory]
    [InlineData("Filters", "[{\"Key\":\"KeyState\",\"Values\":[\"Enabled\"]}]")]
    [InlineData("Filters.1.Key", "KeyState")]
    public async Task ListKeys_FiltersOfALaterIssue_ReturnsInvalidParameterFilters(string name, string value)
    {
        var response = await factory.Client.CallAsync("ListKeys", Params.Of((name, value)));

        Expect.InvalidParameter(response, "Filters");
    }

    private async Task CreateKeysAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await factory.Client.CreateKeyAsync();
        }
    }

    private async Task<List<string>> ListAllAsync(int pageSize)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var json = Expect.Ok(await factory.Client.CallAsync(
                "ListKeys",
                Params.Of(("PageNumber", page.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("PageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            var keys = json.GetProperty("Keys").GetProperty("Key").EnumerateArray().Select(k => k.GetProperty("KeyId").GetString()!).ToList();
            ids.AddRange(keys);
            if (keys.Count < pageSize)
            {
                Assert.Equal(json.GetProperty("TotalCount").GetInt32(), ids.Count);
                return ids;
            }
        }
    }
}
