namespace Coffer.Server.Tests.Actions;

public sealed class DescribeRegionsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DescribeRegions_Default_ReturnsTheConfiguredRegionWrappedAsAlibabaDoes()
    {
        var response = await factory.Client.CallAsync("DescribeRegions");

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "Regions"], json.EnumerateObject().Select(p => p.Name));
        var regions = json.GetProperty("Regions").GetProperty("Region").EnumerateArray().ToList();
        var region = Assert.Single(regions);
        Assert.Equal(["RegionId"], region.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cn-hangzhou", region.GetProperty("RegionId").GetString());
    }

    [Fact]
    public async Task DescribeRegions_SignedV3_ReturnsTheRegion()
    {
        var response = await factory.Client.CallSignedV3Async("DescribeRegions");

        Assert.Equal("cn-hangzhou", Expect.Ok(response).GetProperty("Regions").GetProperty("Region")[0].GetProperty("RegionId").GetString());
    }

    [Fact]
    public async Task DescribeRegions_UnknownExtraParameters_AreIgnored()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", Params.Of(("RegionId", "eu-central-1"), ("AcceptLanguage", "en-US")));

        Assert.Equal("cn-hangzhou", Expect.Ok(response).GetProperty("Regions").GetProperty("Region")[0].GetProperty("RegionId").GetString());
    }
}
