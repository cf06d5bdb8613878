using Coffer.Protocol.Signing;
using Coffer.Testing;

namespace Coffer.Server.Tests.Authentication;

public sealed class SignatureV2Tests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    public static TheoryData<WirePlacement> Placements => new(Enum.GetValues<WirePlacement>());

    [Theory]
    [MemberData(nameof(Placements))]
    public async Task CreateKey_SignedInPlacement_SucceedsAndReadsBusinessParameters(WirePlacement placement)
    {
        var description = "placement " + placement + " (*)!'~";

        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Description", description)), placement);

        var json = Expect.Ok(response);
        Assert.Equal(description, json.GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public async Task Request_WrongSecret_ReturnsIncompleteSignatureWithServerStringToSign(WirePlacement placement)
    {
        var client = factory.ClientFor(factory.AccessKeyId, "not-the-secret");
        Dictionary<string, string> signed = [];

        var response = await client.CallAsync(
            "CreateKey", Params.Of(("Description", "a b+c/d=é")), placement, tamper: p => signed = new Dictionary<string, string>(p));

        var method = placement == WirePlacement.GetQuery ? "GET" : "POST";
        Expect.Error(response, "IncompleteSignature", 400, Expect.StringToSignPrefix + SignatureV2.StringToSign(method, signed));
    }

    [Fact]
    public async Task Request_SignatureChangedAfterSigning_ReturnsIncompleteSignatureWithStringToSign()
    {
        Dictionary<string, string> signed = [];
        using var message = factory.Client.BuildV2(
            "DescribeRegions", Params.Of(("Extra", "1")), WirePlacement.GetQuery, p => signed = new Dictionary<string, string>(p));
        var tampered = new Dictionary<string, string>(signed) { ["Extra"] = "2" };
        message.RequestUri = new Uri(message.RequestUri!.OriginalString.Replace("Extra=1", "Extra=2", StringComparison.Ordinal));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "IncompleteSignature", 400, Expect.StringToSignPrefix + SignatureV2.StringToSign("GET", tampered));
    }

    [Fact]
    public async Task Request_NoSignature_ReturnsBareIncompleteSignature()
    {
        using var message = factory.Client.BuildV2("DescribeRegions", Params.Of(), WirePlacement.GetQuery);
        message.RequestUri = new Uri(RemoveParameter(message.RequestUri!.OriginalString, "Signature"));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.IncompleteSignature(response);
    }

    [Theory]
    [InlineData("SignatureMethod", "HMAC-SHA256")]
    [InlineData("SignatureMethod", "hmac-sha1")]
    [InlineData("SignatureVersion", "2.0")]
    [InlineData("SignatureVersion", "1")]
    [InlineData("SignatureType", "BEARERTOKEN")]
    public async Task Request_UnsupportedSignatureScheme_ReturnsBareIncompleteSignature(string name, string value)
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p[name] = value);

        Expect.IncompleteSignature(response);
    }

    [Fact]
    public async Task Request_NoSignatureMethod_ReturnsBareIncompleteSignature()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p.Remove("SignatureMethod"));

        Expect.IncompleteSignature(response);
    }

    [Fact]
    public async Task Request_NoAccessKeyId_ReturnsBareIncompleteSignature()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p.Remove("AccessKeyId"));

        Expect.IncompleteSignature(response);
    }

    [Fact]
    public async Task Request_UnknownAccessKeyId_ReturnsInvalidAccessKeyIdNotFound()
    {
        var client = factory.ClientFor("LTAIunknown" + Guid.NewGuid().ToString("N")[..12], factory.AccessKeySecret);

        var response = await client.CallAsync("DescribeRegions");

        Expect.Error(response, "InvalidAccessKeyId.NotFound", 404, "The AccessKey ID provided does not exist in our records.");
    }

    [Fact]
    public async Task Request_SecurityToken_ReturnsInvalidParameterSecurityToken()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SecurityToken"] = "sts-token");

        Expect.InvalidParameter(response, "SecurityToken");
    }

    [Fact]
    public async Task Request_SecurityTokenWithWrongSignature_ReturnsIncompleteSignatureFirst()
    {
        var client = factory.ClientFor(factory.AccessKeyId, "not-the-secret");

        var response = await client.CallAsync("DescribeRegions", tamper: p => p["SecurityToken"] = "sts-token");

        Assert.Equal("IncompleteSignature", response.Code);
    }

    [Fact]
    public async Task Request_ValuesWithReservedCharacters_SignAndVerify()
    {
        var description = "a b+c&d=e%f/g?h#i*j(k)l!m'n~o\u00e9\u4e2d\U0001F600";

        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Description", description)));

        var json = Expect.Ok(response);
        Assert.Equal(description, json.GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Request_SubDelimsLeftUnescapedOnTheWire_VerifiesOnDecodedValues()
    {
        // Clients leave ( ) * ! ' unescaped; the server signs what the values decode to, so either form verifies.
        var description = "f(x)*2!'s";
        using var message = factory.Client.BuildV2("CreateKey", Params.Of(("Description", description)), WirePlacement.PostQuery);
        var target = message.RequestUri!.PathAndQuery
            .Replace("%28", "(", StringComparison.Ordinal).Replace("%29", ")", StringComparison.Ordinal)
            .Replace("%2A", "*", StringComparison.Ordinal).Replace("%21", "!", StringComparison.Ordinal)
            .Replace("%27", "'", StringComparison.Ordinal);
        Assert.Contains("f(x)*2!'s", target, StringComparison.Ordinal);

        var response = (await RawHttp.SendAsync(factory.Endpoint, "POST", target)).ToCofferResponse();

        Assert.Equal(description, Expect.Ok(response).GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    internal static string RemoveParameter(string uri, string name)
    {
        var question = uri.IndexOf('?', StringComparison.Ordinal);
        var kept = uri[(question + 1)..].Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal));
        return uri[..(question + 1)] + string.Join('&', kept);
    }
}
