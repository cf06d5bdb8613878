namespace Coffer.Server.Tests.Actions;

public sealed class OpenKmsServiceTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task OpenKmsService_OpenedAccount_ReturnsOnlyRequestId()
    {
        var response = await factory.Client.CallAsync("OpenKmsService");

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OpenKmsService_CalledTwice_SucceedsBothTimes()
    {
        Expect.Ok(await factory.Client.CallAsync("OpenKmsService"));

        var response = await factory.Client.CallAsync("OpenKmsService");

        Expect.Ok(response);
        Assert.Equal("Enabled", Expect.Ok(await factory.Client.CallAsync("DescribeAccountKmsStatus")).GetProperty("AccountStatus").GetString());
    }
}
