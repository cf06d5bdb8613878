using System.Text;
using Coffer.Protocol.Signing;
using Coffer.Testing;

namespace Coffer.Server.Tests.Authentication;

public sealed class SignatureV3Tests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task V3Request_SignedByTestClient_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallSignedV3Async("DescribeKey", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(keyId, json.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task V3Request_ReservedCharactersInQuery_Succeeds()
    {
        var description = "a b+c&d=e%f/g?h*(i)!'~\u00e9\u4e2d";

        var response = await factory.Client.CallSignedV3Async("CreateKey", Params.Of(("Description", description)));

        var json = Expect.Ok(response);
        Assert.Equal(description, json.GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task V3Request_BusinessParametersInFormBody_SucceedsWithBodyHashSigned()
    {
        var body = SigningClient.Encode(Params.Of(("Description", "from the body (*)")));
        var request = new V3Request(factory, "CreateKey") { Body = Encoding.UTF8.GetBytes(body) };
        request.Headers["x-acs-content-sha256"] = SignatureV3.PayloadHash(request.Body);
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Assert.Equal("from the body (*)", Expect.Ok(response).GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task V3Request_WrongSecret_ReturnsIncompleteSignatureWithCanonicalRequest()
    {
        var request = new V3Request(factory, "DescribeRegions", Params.Of(("Extra", "x y"))) { Secret = "not-the-secret" };
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "IncompleteSignature", 400, Expect.StringToSignPrefix + request.ServerCanonicalRequest());
    }

    [Fact]
    public async Task V3Request_QueryTamperedAfterSigning_ReturnsIncompleteSignatureWithServerCanonicalRequest()
    {
        var request = new V3Request(factory, "DescribeRegions", Params.Of(("Extra", "1")));
        using var message = request.Build();
        message.RequestUri = new Uri(request.Endpoint, "?" + SigningClient.Encode(Params.Of(("Extra", "2"))));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(
            response, "IncompleteSignature", 400, Expect.StringToSignPrefix + request.ServerCanonicalRequest(Params.Of(("Extra", "2"))));
    }

    [Fact]
    public async Task V3Request_ClaimedContentHashNotTheBodys_ReturnsIncompleteSignature()
    {
        // The signature itself is right (it covers the real body hash); only the x-acs-content-sha256 claim is false.
        var request = new V3Request(factory, "DescribeRegions");
        request.Headers["x-acs-content-sha256"] = new string('0', 64);
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "IncompleteSignature", 400, Expect.StringToSignPrefix + request.ServerCanonicalRequest());
    }

    [Fact]
    public async Task V3Request_BodyNotMatchingSignedHash_ReturnsIncompleteSignature()
    {
        var request = new V3Request(factory, "DescribeRegions")
        {
            Body = Encoding.UTF8.GetBytes("Extra=1"),
            SignedPayloadHash = SignatureV3.EmptyPayloadHash,
        };
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "IncompleteSignature", 400, Expect.StringToSignPrefix + request.ServerCanonicalRequest());
    }

    [Theory]
    [InlineData("ACS3-HMAC-SHA256 Credential={0},SignedHeaders=host;x-acs-date")]
    [InlineData("ACS3-HMAC-SHA256 Credential={0},Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 SignedHeaders=host;x-acs-date,Signature=00")]
    [InlineData("ACS3-HMAC-SHA256 Credential={0},SignedHeaders=host,Signature=")]
    [InlineData("ACS3-HMAC-SHA256 garbage")]
    [InlineData("ACS3-HMAC-SHA256 ")]
    [InlineData("ACS3-HMAC-SM3 Credential={0},SignedHeaders=host,Signature=00")]
    [InlineData("Bearer abc")]
    public async Task V3Request_IncompleteOrForeignAuthorization_ReturnsBareIncompleteSignature(string authorization)
    {
        var request = new V3Request(factory, "DescribeRegions");
        using var message = request.BuildWithAuthorization(string.Format(System.Globalization.CultureInfo.InvariantCulture, authorization, factory.AccessKeyId));

        var response = await factory.Client.SendMessageAsync(message);

        Expect.IncompleteSignature(response);
    }

    [Theory]
    [InlineData("x-acs-date")]
    [InlineData("x-acs-signature-nonce")]
    public async Task V3Request_DateOrNonceNotSigned_ReturnsBareIncompleteSignature(string unsignedHeader)
    {
        var request = new V3Request(factory, "DescribeRegions");
        request.SignedHeaders = [.. request.Headers.Keys.Where(h => h != unsignedHeader)];
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.IncompleteSignature(response);
    }

    [Fact]
    public async Task V3Request_UnknownAccessKeyId_ReturnsInvalidAccessKeyIdNotFound()
    {
        var request = new V3Request(factory, "DescribeRegions") { AccessKeyId = "LTAIunknown" + Guid.NewGuid().ToString("N")[..12] };
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Error(response, "InvalidAccessKeyId.NotFound", 404);
    }

    [Fact]
    public async Task V3Request_SecurityTokenHeader_ReturnsInvalidParameterSecurityToken()
    {
        var request = new V3Request(factory, "DescribeRegions");
        request.Headers["x-acs-security-token"] = "sts-token";
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.InvalidParameter(response, "SecurityToken");
    }

    [Fact]
    public async Task V3Request_ActionAndVersionFromHeaders_Succeeds()
    {
        var request = new V3Request(factory, "DescribeAccountKmsStatus");
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Assert.Equal("Enabled", Expect.Ok(response).GetProperty("AccountStatus").GetString());
    }
}
