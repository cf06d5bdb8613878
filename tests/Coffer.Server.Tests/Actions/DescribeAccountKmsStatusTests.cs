namespace Coffer.Server.Tests.Actions;

public sealed class DescribeAccountKmsStatusTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DescribeAccountKmsStatus_BootstrapAccount_ReturnsEnabled()
    {
        var response = await factory.Client.CallAsync("DescribeAccountKmsStatus");

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "AccountStatus"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Enabled", json.GetProperty("AccountStatus").GetString());
    }

    [Fact]
    public async Task DescribeAccountKmsStatus_AfterOpenKmsService_StaysEnabled()
    {
        Expect.Ok(await factory.Client.CallAsync("OpenKmsService"));

        var response = await factory.Client.CallAsync("DescribeAccountKmsStatus");

        Assert.Equal("Enabled", Expect.Ok(response).GetProperty("AccountStatus").GetString());
    }
}
