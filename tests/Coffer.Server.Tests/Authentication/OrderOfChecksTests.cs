using System.Net.Http.Headers;
using System.Text;
using Coffer.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Authentication;

/// <summary>DECISIONS.md "Order of checks": when several checks fail, the first one in the list answers.</summary>
public sealed class OrderOfChecksTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Request_MethodOtherThanGetOrPost_ReturnsUnsupportedHttpMethodEvenWithGarbage(string method)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri(factory.Endpoint, "?%zz=%&Action=Nope&Action=Twice"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"not\":\"a form\"}")),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "UnsupportedHTTPMethod", 403, "This http method is not supported.");
    }

    [Theory]
    [InlineData("?Action=DescribeRegions&Bad=%zz")]
    [InlineData("?Action=DescribeRegions&Bad=%4")]
    [InlineData("?Action=DescribeRegions&Bad%=1")]
    [InlineData("?Action=DescribeRegions&Bad=%FF%FE")]
    [InlineData("?Action=DescribeRegions&Action=DescribeRegions")]
    [InlineData("?Action=DescribeRegions&Format=XML&Format=JSON")]
    public async Task Request_UnparsableQuery_ReturnsParseRequestParameterExceptionBeforeAction(string query)
    {
        // Raw bytes: System.Uri would re-escape a stray '%' as %25 and make the query valid.
        var response = (await RawHttp.SendAsync(factory.Endpoint, "GET", "/" + query)).ToCofferResponse();

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_ParameterInQueryAndForm_ReturnsParseRequestParameterException()
    {
        using var message = Form("?Action=DescribeRegions&Version=2016-01-20", "Action=DescribeRegions");

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Theory]
    [InlineData("application/json", "{\"Action\":\"DescribeRegions\"}")]
    [InlineData("text/plain", "Action=DescribeRegions")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\n\r\n--x--")]
    public async Task Request_BodyNotAForm_ReturnsParseRequestParameterException(string contentType, string body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(factory.Endpoint, "?Action=DescribeRegions&Version=2016-01-20"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await factory.Client.SendMessageAsync(message);

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_FormBodyWithCharset_IsAccepted()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.PostForm);
        message.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=UTF-8");

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Ok(response);
    }

    [Fact]
    public async Task Request_ParseErrorWithFormatXml_AnswersInJson()
    {
        var response = (await RawHttp.SendAsync(factory.Endpoint, "GET", "/?Format=XML&Action=DescribeRegions&Bad=%zz")).ToCofferResponse();

        Expect.ParseError(response);
    }

    [Fact]
    public async Task Request_NoAction_ReturnsMissingParameterAction()
    {
        var response = await factory.Client.SendMessageAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, "?Version=2016-01-20")));

        Expect.MissingParameter(response, "Action");
    }

    [Fact]
    public async Task Request_EmptyAction_ReturnsMissingParameterAction()
    {
        var response = await factory.Client.SendMessageAsync(
            new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, "?Action=&Version=2016-01-20")));

        Expect.MissingParameter(response, "Action");
    }

    [Fact]
    public async Task Request_EmptyVersion_ReturnsMissingParameterVersion()
    {
        var response = await factory.Client.SendMessageAsync(
            new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, "?Action=DescribeRegions&Version=")));

        Expect.MissingParameter(response, "Version");
    }

    [Fact]
    public async Task Request_Head_ReturnsUnsupportedHttpMethodStatus()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.GetQuery);
        message.Method = HttpMethod.Head;

        var response = await factory.Client.SendMessageAsync(message);

        Assert.Equal(403, (int)response.Status);
        Assert.NotNull(response.RequestIdHeader);
    }

    [Theory]
    [InlineData("RunInstances")]
    [InlineData("DescribeRegion")]
    [InlineData("describeregions")]
    [InlineData("NoSuchAction")]
    public async Task Request_UnimplementedAction_ReturnsInvalidActionNotFoundBeforeVersion(string action)
    {
        var response = await factory.Client.SendMessageAsync(
            new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, $"?Action={action}&Version=1999-01-01")));

        Expect.Error(response, "InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method.");
    }

    [Fact]
    public async Task SignedRequest_UnimplementedAction_ReturnsInvalidActionNotFound()
    {
        // An action of another Alibaba product, which Coffer will never have.
        var response = await factory.Client.CallAsync("RunInstances", Params.Of(("ImageId", "m-1")));

        Expect.Error(response, "InvalidAction.NotFound", 404);
    }

    [Fact]
    public async Task Request_PathOtherThanRoot_ReturnsInvalidActionNotFound()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.GetQuery);
        message.RequestUri = new Uri(message.RequestUri!.OriginalString.Replace("/?", "/v1/?", StringComparison.Ordinal));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "InvalidAction.NotFound", 404);
    }

    [Fact]
    public async Task Request_NoVersion_ReturnsMissingParameterVersionBeforeSignature()
    {
        var response = await factory.Client.SendMessageAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, "?Action=DescribeRegions")));

        Expect.MissingParameter(response, "Version");
    }

    [Fact]
    public async Task Request_WrongVersion_ReturnsInvalidParameterVersionBeforeSignature()
    {
        var response = await factory.Client.SendMessageAsync(
            new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, "?Action=DescribeRegions&Version=2014-01-01")));

        Expect.InvalidParameter(response, "Version");
    }

    [Fact]
    public async Task SignedRequest_WrongVersion_ReturnsInvalidParameterVersion()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["Version"] = "2019-01-20");

        Expect.InvalidParameter(response, "Version");
    }

    [Fact]
    public async Task Request_NoSignatureAtAll_ReturnsBareIncompleteSignature()
    {
        var response = await factory.Client.SendMessageAsync(
            new HttpRequestMessage(HttpMethod.Get, new Uri(factory.Endpoint, "?Action=DescribeRegions&Version=2016-01-20")));

        Expect.IncompleteSignature(response);
    }

    [Fact]
    public async Task Request_BadSignatureMethodAndBadTimestamp_ReturnsIncompleteSignature()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p =>
        {
            p["SignatureMethod"] = "HMAC-SHA256";
            p["Timestamp"] = "garbage";
        });

        Expect.IncompleteSignature(response);
    }

    [Fact]
    public async Task Request_BadTimestampAndNoNonce_ReturnsIllegalTimestamp()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p =>
        {
            p["Timestamp"] = "garbage";
            p.Remove("SignatureNonce");
        });

        Expect.IllegalTimestamp(response);
    }

    [Fact]
    public async Task Request_NoNonceAndUnknownAccessKey_ReturnsMissingParameterSignatureNonce()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p =>
        {
            p.Remove("SignatureNonce");
            p["AccessKeyId"] = "LTAIunknown";
        });

        Expect.MissingParameter(response, "SignatureNonce");
    }

    [Fact]
    public async Task Request_UnknownAccessKeyAndWrongSignature_ReturnsInvalidAccessKeyIdNotFound()
    {
        var client = factory.ClientFor("LTAIunknown", "wrong");

        var response = await client.CallAsync("DescribeRegions");

        Expect.Error(response, "InvalidAccessKeyId.NotFound", 404);
    }

    [Fact]
    public async Task Request_StaleTimestampWithWrongSecret_ReturnsIllegalTimestamp()
    {
        var client = factory.ClientFor(factory.AccessKeyId, "wrong", new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddHours(-1)));

        var response = await client.CallAsync("DescribeRegions");

        Expect.IllegalTimestamp(response);
    }

    [Fact]
    public async Task SignedRequest_MissingRequiredAndInvalidParameter_ReturnsMissingParameterFirst()
    {
        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", "k"), ("EncryptionContext", "[1]")));

        Expect.MissingParameter(response, "Plaintext");
    }

    [Fact]
    public async Task SignedRequest_InvalidParameterAndUnknownKey_ReturnsInvalidParameterFirst()
    {
        var response = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Plaintext", "x"), ("EncryptionContext", "[1]")));

        Expect.InvalidParameter(response, "EncryptionContext");
    }

    [Fact]
    public async Task SignedRequest_ErrorWithFormatXml_AnswersXmlKmsBody()
    {
        var response = await factory.Client.CallAsync("DescribeKey", Params.Of(("Format", "xml")));

        Assert.Equal(400, (int)response.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS>", response.Text, StringComparison.Ordinal);
        var root = System.Xml.Linq.XDocument.Parse(response.Text).Root!;
        Assert.Equal("MissingParameter", root.Element("Code")!.Value);
        Assert.Equal("The parameter \"KeyId\" is needed but not provided.", root.Element("Message")!.Value);
        Assert.Equal("400", root.Element("HttpStatus")!.Value);
        Assert.Equal(CofferApplicationFactory.TestHostId, root.Element("HostId")!.Value);
        Assert.Equal(response.RequestIdHeader, root.Element("RequestId")!.Value);
    }

    private HttpRequestMessage Form(string query, string body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(factory.Endpoint, query))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return message;
    }
}
