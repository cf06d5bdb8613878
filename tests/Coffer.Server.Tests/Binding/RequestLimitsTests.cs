using System.Net.Http.Headers;
using System.Text;
using Coffer.Testing;

namespace Coffer.Server.Tests.Binding;

/// <summary>
/// Coffer's own size limits (DECISIONS.md "Requests"): request line and header block up to 64 KiB, body up to
/// 1 MiB, each answered with ParseRequestParameterException in JSON beyond, below Kestrel's raised limits.
/// </summary>
public sealed class RequestLimitsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const int KiB = 1024;

    [Fact]
    public async Task Encrypt_RequestLineOfSixtyKiB_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var plaintext = new string('p', 6144);
        var parameters = Params.Of(("KeyId", keyId), ("Plaintext", plaintext), ("Padding", new string('x', 60 * KiB - 6144 - 600)));
        using var message = factory.Client.BuildV2("Encrypt", parameters, WirePlacement.PostQuery);
        Assert.InRange(message.RequestUri!.PathAndQuery.Length, 59 * KiB, 62 * KiB);

        var response = await factory.Client.SendMessageAsync(message);

        var blob = Expect.Ok(response).GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal(plaintext, Expect.Ok(await factory.Client.CallAsync("Decrypt", Params.Of(("CiphertextBlob", blob)))).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Request_RequestLineOverSixtyFourKiB_ReturnsParseRequestParameterExceptionInJson()
    {
        var target = "/?Format=XML&Action=DescribeRegions&Version=2016-01-20&Padding=" + new string('x', 65 * KiB);

        var response = await RawHttp.SendAsync(factory.Endpoint, "GET", target);

        Assert.Equal("application/json;charset=utf-8", response.Headers["content-type"]);
        Expect.ParseError(response.ToCofferResponse());
    }

    [Fact]
    public async Task SignedRequest_RequestLineOverSixtyFourKiB_ReturnsParseRequestParameterException()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(("Padding", new string('x', 65 * KiB))), WirePlacement.PostQuery);

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_BodyOverOneMiB_ReturnsParseRequestParameterException()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(("Padding", new string('x', 1024 * KiB))), WirePlacement.PostForm);

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_ChunkedBodyOverOneMiB_ReturnsParseRequestParameterException()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, factory.Endpoint)
        {
            // No length known in advance: Kestrel sees a chunked body and Coffer must count while reading.
            Content = new StreamContent(new ChunkedOnly(Encoding.ASCII.GetBytes("Action=DescribeRegions&Padding=" + new string('x', 1024 * KiB)))),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        message.Headers.TransferEncodingChunked = true;

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_BodyJustUnderOneMiB_Succeeds()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(("Padding", new string('x', 1000 * KiB))), WirePlacement.PostForm);

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Ok(response);
    }

    [Fact]
    public async Task Request_HeaderBlockOverSixtyFourKiB_ReturnsParseRequestParameterException()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.PostQuery);
        message.Headers.TryAddWithoutValidation("X-Padding", new string('h', 65 * KiB));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_ManyHeadersTogetherOverSixtyFourKiB_ReturnsParseRequestParameterException()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.PostQuery);
        for (var i = 0; i < 20; i++)
        {
            message.Headers.TryAddWithoutValidation("X-Padding-" + i, new string('h', 4 * KiB));
        }

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_HeaderBlockOfSixtyKiB_Succeeds()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.PostQuery);
        message.Headers.TryAddWithoutValidation("X-Padding", new string('h', 60 * KiB));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Ok(response);
    }

    /// <summary>A readable stream that hides its length, so HttpClient must send it chunked.</summary>
    private sealed class ChunkedOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
