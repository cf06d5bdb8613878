using System.Text.Json;
using System.Xml.Linq;
using Coffer.Testing;

namespace Coffer.Server.Tests.Golden;

/// <summary>Exact bodies and headers on the wire (DECISIONS.md "Responses"), read off the socket byte for byte.</summary>
public sealed class ResponseBodyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    [Fact]
    public async Task DescribeRegions_Xml_IsExactlyTheGoldenBody()
    {
        var response = await SendAsync("DescribeRegions", Params.Of(("Format", "XML")));

        var requestId = response.Headers["x-acs-request-id"];
        Assert.Equal(
            Declaration + $"<DescribeRegionsResponse><RequestId>{requestId}</RequestId>" +
            "<Regions><Region><RegionId>cn-hangzhou</RegionId></Region></Regions></DescribeRegionsResponse>",
            response.Text);
    }

    [Fact]
    public async Task DescribeRegions_Json_IsExactlyTheGoldenBody()
    {
        var response = await SendAsync("DescribeRegions", Params.Of());

        var requestId = response.Headers["x-acs-request-id"];
        Assert.Equal($"{{\"RequestId\":\"{requestId}\",\"Regions\":{{\"Region\":[{{\"RegionId\":\"cn-hangzhou\"}}]}}}}", response.Text);
    }

    [Fact]
    public async Task CreateKey_Xml_IsExactlyTheGoldenBody()
    {
        var response = await SendAsync("CreateKey", Params.Of(("Format", "XML"), ("Description", "golden <&> \"quoted\" 'single'")));

        var metadata = XDocument.Parse(response.Text).Root!.Element("KeyMetadata")!;
        var keyId = metadata.Element("KeyId")!.Value;
        var created = metadata.Element("CreationDate")!.Value;
        var version = metadata.Element("PrimaryKeyVersion")!.Value;
        Assert.Equal(
            Declaration + $"<CreateKeyResponse><RequestId>{response.Headers["x-acs-request-id"]}</RequestId><KeyMetadata>" +
            $"<Arn>acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}</Arn>" +
            "<AutomaticRotation>Disabled</AutomaticRotation>" +
            $"<CreationDate>{created}</CreationDate>" +
            $"<Creator>{factory.AccountId}</Creator>" +
            "<DeleteDate></DeleteDate>" +
            "<Description>golden &lt;&amp;&gt; &quot;quoted&quot; &apos;single&apos;</Description>" +
            $"<KeyId>{keyId}</KeyId>" +
            "<KeySpec>Aliyun_AES_256</KeySpec>" +
            "<KeyState>Enabled</KeyState>" +
            "<KeyUsage>ENCRYPT/DECRYPT</KeyUsage>" +
            $"<LastRotationDate>{created}</LastRotationDate>" +
            "<MaterialExpireTime></MaterialExpireTime>" +
            "<Origin>Aliyun_KMS</Origin>" +
            $"<PrimaryKeyVersion>{version}</PrimaryKeyVersion>" +
            "<ProtectionLevel>SOFTWARE</ProtectionLevel>" +
            "</KeyMetadata></CreateKeyResponse>",
            response.Text);
        Assert.Equal("golden <&> \"quoted\" 'single'", metadata.Element("Description")!.Value);
    }

    [Fact]
    public async Task ListKeys_Xml_IsExactlyTheGoldenBodyAndMatchesJson()
    {
        await factory.Client.CreateKeyAsync();
        await factory.Client.CreateKeyAsync();
        var json = Expect.Ok(await factory.Client.CallAsync("ListKeys", Params.Of(("PageSize", "100"))));
        var keys = json.GetProperty("Keys").GetProperty("Key").EnumerateArray().Select(k => k.GetProperty("KeyId").GetString()!).ToList();

        var response = await SendAsync("ListKeys", Params.Of(("Format", "XML"), ("PageSize", "100")));

        var items = string.Concat(keys.Select(k => $"<Key><KeyId>{k}</KeyId><KeyArn>acs:kms:cn-hangzhou:{factory.AccountId}:key/{k}</KeyArn></Key>"));
        Assert.Equal(
            Declaration + $"<ListKeysResponse><RequestId>{response.Headers["x-acs-request-id"]}</RequestId>" +
            $"<Keys>{items}</Keys><TotalCount>{keys.Count}</TotalCount><PageNumber>1</PageNumber><PageSize>100</PageSize></ListKeysResponse>",
            response.Text);
    }

    [Fact]
    public async Task ListKeys_EmptyPage_IsAnEmptyWrapperInXmlAndJson()
    {
        var total = Expect.Ok(await factory.Client.CallAsync("ListKeys")).GetProperty("TotalCount").GetInt32();

        var xml = await SendAsync("ListKeys", Params.Of(("Format", "XML"), ("PageNumber", "1000")));
        var json = await SendAsync("ListKeys", Params.Of(("PageNumber", "1000")));

        Assert.Equal(
            Declaration + $"<ListKeysResponse><RequestId>{xml.Headers["x-acs-request-id"]}</RequestId>" +
            $"<Keys></Keys><TotalCount>{total}</TotalCount><PageNumber>1000</PageNumber><PageSize>10</PageSize></ListKeysResponse>",
            xml.Text);
        Assert.Equal(
            $"{{\"RequestId\":\"{json.Headers["x-acs-request-id"]}\",\"Keys\":{{\"Key\":[]}},\"TotalCount\":{total},\"PageNumber\":1000,\"PageSize\":10}}",
            json.Text);
    }

    [Theory]
    [InlineData("JSON", "application/json;charset=utf-8")]
    [InlineData("json", "application/json;charset=utf-8")]
    [InlineData("", "application/json;charset=utf-8")]
    [InlineData("YAML", "application/json;charset=utf-8")]
    [InlineData("XML", "text/xml;charset=utf-8")]
    [InlineData("xml", "text/xml;charset=utf-8")]
    [InlineData("Xml", "text/xml;charset=utf-8")]
    public async Task Response_Format_SetsExactContentTypeForSuccessAndError(string format, string contentType)
    {
        var success = await SendAsync("DescribeRegions", Params.Of(("Format", format)));
        var error = await SendAsync("DescribeKey", Params.Of(("Format", format)));

        Assert.Equal(200, success.Status);
        Assert.Equal(contentType, success.Headers["content-type"]);
        Assert.Equal(400, error.Status);
        Assert.Equal(contentType, error.Headers["content-type"]);
    }

    public static TheoryData<string, string> SuccessCalls => new()
    {
        { "DescribeRegions", "" },
        { "DescribeAccountKmsStatus", "" },
        { "OpenKmsService", "" },
        { "CreateKey", "" },
        { "DescribeKey", "KeyId" },
        { "ListKeys", "" },
        { "Encrypt", "KeyId,Plaintext" },
        { "Decrypt", "CiphertextBlob" },
        { "GenerateDataKey", "KeyId" },
        { "GenerateDataKeyWithoutPlaintext", "KeyId" },
    };

    [Theory]
    [MemberData(nameof(SuccessCalls))]
    public async Task Success_EveryActionInJsonAndXml_HasRequestIdHeaderEqualToBodyAndNoCode(string action, string needs)
    {
        var parameters = await ParametersForAsync(needs);

        var json = await SendAsync(action, parameters);
        var xml = await SendAsync(action, new Dictionary<string, string>(parameters) { ["Format"] = "XML" });

        Assert.Equal(200, json.Status);
        using var document = JsonDocument.Parse(json.Text);
        Assert.Equal(json.Headers["x-acs-request-id"], document.RootElement.GetProperty("RequestId").GetString());
        Assert.False(document.RootElement.TryGetProperty("Code", out _));
        Assert.Equal(200, xml.Status);
        Assert.StartsWith(Declaration + $"<{action}Response><RequestId>", xml.Text, StringComparison.Ordinal);
        var root = XDocument.Parse(xml.Text).Root!;
        Assert.Equal(action + "Response", root.Name.LocalName);
        Assert.Equal(xml.Headers["x-acs-request-id"], root.Element("RequestId")!.Value);
        Assert.Null(root.Element("Code"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("XML")]
    public async Task Error_RequestIdHeader_EqualsBodyRequestIdAndIsUnique(string format)
    {
        var first = await SendAsync("DescribeKey", Params.Of(("Format", format)));
        var second = await SendAsync("DescribeKey", Params.Of(("Format", format)));

        Assert.Equal(first.Headers["x-acs-request-id"], RequestIdOf(first));
        Assert.Equal(second.Headers["x-acs-request-id"], RequestIdOf(second));
        Assert.NotEqual(RequestIdOf(first), RequestIdOf(second));
    }

    [Fact]
    public async Task Error_Xml_HasKmsRootWithTheFiveFieldsAndNoOthers()
    {
        var response = await SendAsync("DescribeKey", Params.Of(("Format", "XML"), ("KeyId", "alias/nope")));

        Assert.Equal(404, response.Status);
        Assert.StartsWith(Declaration + "<KMS>", response.Text, StringComparison.Ordinal);
        var root = XDocument.Parse(response.Text).Root!;
        Assert.Equal(
            ["Code", "HostId", "HttpStatus", "Message", "RequestId"],
            root.Elements().Select(e => e.Name.LocalName).Order(StringComparer.Ordinal));
        Assert.Equal("404", root.Element("HttpStatus")!.Value);
        Assert.Equal("Forbidden.AliasNotFound", root.Element("Code")!.Value);
        Assert.Equal("The specified Alias is not found.", root.Element("Message")!.Value);
        Assert.Equal(CofferApplicationFactory.TestHostId, root.Element("HostId")!.Value);
    }

    [Fact]
    public async Task Error_Json_IsExactlyTheGoldenBody()
    {
        var response = await SendAsync("DescribeKey", Params.Of());

        Assert.Equal(
            $"{{\"RequestId\":\"{response.Headers["x-acs-request-id"]}\",\"HostId\":\"coffer-test-node\",\"Code\":\"MissingParameter\"," +
            "\"Message\":\"The parameter \\\"KeyId\\\" is needed but not provided.\",\"HttpStatus\":400}",
            response.Text);
    }

    [Fact]
    public async Task Decrypt_XmlPlaintextWithCarriageReturn_SurvivesAnXmlParser()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "line one\r\nline two\r");

        var response = await SendAsync("Decrypt", Params.Of(("Format", "XML"), ("CiphertextBlob", blob)));

        Assert.Equal(200, response.Status);
        Assert.Equal("line one\r\nline two\r", XDocument.Parse(response.Text).Root!.Element("Plaintext")!.Value);
    }

    [Theory]
    [InlineData("CreateKey", "Description")]
    [InlineData("Encrypt", "Plaintext")]
    public async Task Response_XmlWithControlCharacterInText_IsStillWellFormedXml(string action, string parameter)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Params.Of(("Format", "XML"), (parameter, "bell\u0007nul\u0000"));
        if (action == "Encrypt")
        {
            // The Decrypt answer carries the text back; Encrypt itself only returns the blob.
            var blob = await factory.Client.EncryptAsync(keyId, "bell\u0007nul\u0000");
            parameters = Params.Of(("Format", "XML"), ("CiphertextBlob", blob));
            action = "Decrypt";
        }

        var response = await SendAsync(action, parameters);

        var exception = Record.Exception(() => XDocument.Parse(response.Text));
        Assert.True(exception is null, $"{(int)response.Status} body is not XML ({exception?.Message}): {response.Text}");
    }

    private async Task<Dictionary<string, string>> ParametersForAsync(string needs)
    {
        var parameters = new Dictionary<string, string>();
        var keyId = await factory.Client.CreateKeyAsync();
        foreach (var name in needs.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            parameters[name] = name switch
            {
                "KeyId" => keyId,
                "Plaintext" => "golden",
                _ => await factory.Client.EncryptAsync(keyId, "golden"),
            };
        }

        return parameters;
    }

    private async Task<RawResponse> SendAsync(string action, IReadOnlyDictionary<string, string> parameters)
    {
        using var message = factory.Client.BuildV2(action, parameters, WirePlacement.PostQuery);
        return await RawHttp.SendAsync(factory.Endpoint, "POST", message.RequestUri!.PathAndQuery);
    }

    private static string RequestIdOf(RawResponse response) =>
        response.Headers["content-type"].StartsWith("text/xml", StringComparison.Ordinal)
            ? XDocument.Parse(response.Text).Root!.Element("RequestId")!.Value
            : JsonDocument.Parse(response.Text).RootElement.GetProperty("RequestId").GetString()!;
}
