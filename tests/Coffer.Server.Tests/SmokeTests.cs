using System.Net;

namespace Coffer.Server.Tests;

public sealed class SmokeTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task Encrypt_ThenDecrypt_ReturnsPlaintext()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var blob = await factory.Client.EncryptAsync(keyId, "hello world!", "{\"a\":\"b\"}");
        var response = await factory.Client.DecryptAsync(blob, "{\"a\":\"b\"}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("hello world!", response.Field("Plaintext"));
    }
}
