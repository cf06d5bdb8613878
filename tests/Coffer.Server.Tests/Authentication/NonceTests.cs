using System.Net.Http.Headers;
using Coffer.Testing;

namespace Coffer.Server.Tests.Authentication;

public sealed class NonceTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const string NonceUsedMessage = "Specified signature nonce was used already.";

    [Fact]
    public async Task Request_NoNonce_ReturnsMissingParameterSignatureNonce()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p.Remove("SignatureNonce"));

        Expect.MissingParameter(response, "SignatureNonce");
    }

    [Fact]
    public async Task Request_EmptyNonce_ReturnsMissingParameterSignatureNonce()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = "");

        Expect.MissingParameter(response, "SignatureNonce");
    }

    [Theory]
    [InlineData(129, "")]
    [InlineData(10, " ")]
    [InlineData(10, "\u00e9")]
    [InlineData(10, "\t")]
    public async Task Request_MalformedNonce_ReturnsInvalidParameterSignatureNonce(int length, string inserted)
    {
        var nonce = new string('n', length) + inserted;

        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce);

        Expect.InvalidParameter(response, "SignatureNonce");
    }

    [Fact]
    public async Task Request_NonceOf128PrintableCharacters_Succeeds()
    {
        var nonce = string.Concat(Enumerable.Range(0, 128).Select(i => (char)('!' + (i % 94))));

        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce);

        Expect.Ok(response);
    }

    [Theory]
    [InlineData(WirePlacement.PostQuery)]
    [InlineData(WirePlacement.GetQuery)]
    [InlineData(WirePlacement.PostForm)]
    [InlineData(WirePlacement.Terraform)]
    public async Task Request_ReplayedVerbatim_ReturnsSignatureNonceUsed(WirePlacement placement)
    {
        using var first = factory.Client.BuildV2("DescribeRegions", Params.Of(), placement);
        using var replay = await CloneAsync(first);
        Expect.Ok(await factory.Client.SendMessageAsync(first));

        var response = await factory.Client.SendMessageAsync(replay);

        Expect.Error(response, "SignatureNonceUsed", 400, NonceUsedMessage);
    }

    [Fact]
    public async Task V3Request_ReplayedVerbatim_ReturnsSignatureNonceUsed()
    {
        var request = new V3Request(factory, "DescribeRegions");
        using var first = request.Build();
        using var replay = request.Build();
        Expect.Ok(await factory.Client.SendMessageAsync(first));

        var response = await factory.Client.SendMessageAsync(replay);

        Expect.Error(response, "SignatureNonceUsed", 400, NonceUsedMessage);
    }

    [Fact]
    public async Task V3Request_NonceUsedByV2_ReturnsSignatureNonceUsed()
    {
        var nonce = Guid.NewGuid().ToString("N");
        Expect.Ok(await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce));
        using var message = factory.Client.BuildV3("DescribeRegions", Params.Of(), nonce);

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "SignatureNonceUsed", 400, NonceUsedMessage);
    }

    [Fact]
    public async Task Request_NonceOfAFailedSignature_IsNotRecorded()
    {
        var nonce = Guid.NewGuid().ToString("N");
        var wrong = factory.ClientFor(factory.AccessKeyId, "not-the-secret");
        Assert.Equal("IncompleteSignature", (await wrong.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce)).Code);

        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce);

        Expect.Ok(response);
    }

    [Fact]
    public async Task Request_NonceOfAVerifiedButFailedCall_StaysUsed()
    {
        var nonce = Guid.NewGuid().ToString("N");
        Expect.MissingParameter(await factory.Client.CallAsync("DescribeKey", tamper: p => p["SignatureNonce"] = nonce), "KeyId");

        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce);

        Expect.Error(response, "SignatureNonceUsed", 400, NonceUsedMessage);
    }

    [Fact]
    public async Task V3Request_NoNonce_ReturnsMissingParameterNamingTheHeader()
    {
        var request = new V3Request(factory, "DescribeRegions");
        request.Headers.Remove("x-acs-signature-nonce");
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.MissingParameter(response, "x-acs-signature-nonce");
    }

    [Fact]
    public async Task V3Request_NonceWithSpace_ReturnsInvalidParameterNamingTheHeader()
    {
        var request = new V3Request(factory, "DescribeRegions");
        request.Headers["x-acs-signature-nonce"] = "abc def";
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.InvalidParameter(response, "x-acs-signature-nonce");
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage message)
    {
        var clone = new HttpRequestMessage(message.Method, message.RequestUri);
        if (message.Content is not null)
        {
            clone.Content = new ByteArrayContent(await message.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            clone.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.Content.Headers.ContentType!.ToString());
        }

        return clone;
    }
}
