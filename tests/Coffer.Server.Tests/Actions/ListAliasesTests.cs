using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

public sealed class ListAliasesTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ListAliases_Aliases_WrappedWithArnNameKeyIdAndPagingNumbers()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/listed/one", keyId);

        var json = Expect.Ok(await factory.Client.CallAsync("ListAliases", Params.Of(("PageSize", "100"))));

        Assert.Equal(["RequestId", "Aliases", "TotalCount", "PageNumber", "PageSize"], json.EnumerateObject().Select(p => p.Name));
        Assert.All(["TotalCount", "PageNumber", "PageSize"], n => Assert.Equal(JsonValueKind.Number, json.GetProperty(n).ValueKind));
        Assert.Equal(1, json.GetProperty("PageNumber").GetInt32());
        Assert.Equal(100, json.GetProperty("PageSize").GetInt32());
        var alias = Assert.Single(json.Items("Aliases", "Alias"), a => a.GetProperty("AliasName").GetString() == "alias/listed/one");
        Assert.Equal(["AliasArn", "AliasName", "KeyId"], alias.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"acs:kms:cn-hangzhou:{factory.AccountId}:alias/listed/one", alias.GetProperty("AliasArn").GetString());
        Assert.Equal(keyId, alias.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task ListAliases_AliasArnFromTheList_ResolvesInEncrypt()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync("alias/listed/arn", keyId);
        var json = Expect.Ok(await factory.Client.CallAsync("ListAliases", Params.Of(("PageSize", "100"))));
        var arn = json.Items("Aliases", "Alias").Single(a => a.GetProperty("AliasName").GetString() == "alias/listed/arn").GetProperty("AliasArn").GetString()!;

        var encrypted = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", arn), ("Plaintext", "x"))));

        Assert.Equal(keyId, encrypted.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task ListAliases_PagesOfTwo_ConcatenateToTheWholeListInCreationOrder()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var made = Enumerable.Range(0, 5).Select(i => $"alias/paged-{i}").ToList();
        foreach (var name in made)
        {
            await factory.Client.CreateAliasAsync(name, keyId);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var whole = Expect.Ok(await factory.Client.CallAsync("ListAliases", Params.Of(("PageSize", "100"))));
        var total = whole.GetProperty("TotalCount").GetInt32();
        var paged = new List<string>();
        for (var page = 1; page <= (total + 1) / 2 + 1; page++)
        {
            var json = Expect.Ok(await factory.Client.CallAsync("ListAliases", Params.Of(("PageNumber", $"{page}"), ("PageSize", "2"))));
            Assert.Equal(total, json.GetProperty("TotalCount").GetInt32());
            paged.AddRange(json.Items("Aliases", "Alias").Select(a => a.GetProperty("AliasName").GetString()!));
        }

        var names = whole.Items("Aliases", "Alias").Select(a => a.GetProperty("AliasName").GetString()!).ToList();
        Assert.Equal(total, names.Count);
        Assert.Equal(names, paged);
        Assert.Equal(made, names.Where(made.Contains));
    }

    [Fact]
    public async Task ListAliases_PagePastTheEnd_EmptyListWithTheTotal()
    {
        await factory.Client.CreateAliasAsync("alias/past-the-end", await factory.Client.CreateKeyAsync());

        var json = Expect.Ok(await factory.Client.CallAsync("ListAliases", Params.Of(("PageNumber", "100000"))));

        Assert.Empty(json.Items("Aliases", "Alias"));
        Assert.True(json.GetProperty("TotalCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task ListAliases_FormatXml_RepeatsAliasInsideAliases()
    {
        await factory.Client.CreateAliasAsync("alias/xml-listed", await factory.Client.CreateKeyAsync());

        var response = await factory.Client.CallAsync("ListAliases", Params.Of(("Format", "XML"), ("PageSize", "100")));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAliasesResponse>", response.Text, StringComparison.Ordinal);
        Assert.Contains("<Aliases><Alias><AliasArn>", response.Text, StringComparison.Ordinal);
        Assert.Contains("<AliasName>alias/xml-listed</AliasName>", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PageNumber", "0")]
    [InlineData("PageNumber", "-1")]
    [InlineData("PageSize", "0")]
    [InlineData("PageSize", "101")]
    [InlineData("PageSize", "ten")]
    public async Task ListAliases_PagingOutOfRange_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var response = await factory.Client.CallAsync("ListAliases", Params.Of((name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task ListAliases_TerraformPlacementPageSize20_Pages()
    {
        var json = Expect.Ok(await factory.Client.CallAsync("ListAliases", Params.Of(("PageSize", "20")), WirePlacement.Terraform));

        Assert.Equal(20, json.GetProperty("PageSize").GetInt32());
    }
}
