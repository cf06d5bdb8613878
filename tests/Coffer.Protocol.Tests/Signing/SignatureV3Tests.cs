using System.Text;
using Coffer.Protocol.Signing;

namespace Coffer.Protocol.Tests.Signing;

public sealed class SignatureV3Tests
{
    private const string ValidCredential = "Credential=LTAI_TEST_KEY";
    private const string ValidSignedHeaders = "SignedHeaders=host;x-acs-date";
    private const string ValidSignature = "Signature=696b5ada23b454a5d9ea62f6d460c87d43598a1e8174b229d14c491fa9054752";

    public static TheoryData<string> VectorNames => new(SignatureVectors.Acs3.Select(v => v.Name));

    [Fact]
    public void Vectors_File_HoldsEveryAcs3Vector()
    {
        var names = SignatureVectors.Acs3.Select(v => v.Name).ToList();

        // Pinned so a file that silently loses vectors fails instead of running fewer cases.
        Assert.Equal(4, names.Count);
        Assert.Contains("ALIYUN-V3-EXAMPLE-3-ENCRYPT-POST", names);
        Assert.All(SignatureVectors.Acs3, v => Assert.False(string.IsNullOrWhiteSpace(v.Source)));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void CanonicalRequest_Vector_EqualsExpectedCanonicalRequest(string name)
    {
        var vector = SignatureVectors.Acs3Named(name);
        var signedHeaders = ParsedSignedHeaders(vector);

        var canonical = SignatureV3.CanonicalRequest(
            vector.Method, vector.Pathname, vector.Query, signedHeaders, HeaderLookup(vector), BodyHash(vector));

        Assert.Equal(vector.CanonicalRequest, canonical);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void StringToSign_VectorCanonicalRequest_EqualsExpectedStringToSign(string name)
    {
        var vector = SignatureVectors.Acs3Named(name);

        var stringToSign = SignatureV3.StringToSign(vector.CanonicalRequest);

        Assert.Equal(vector.StringToSign, stringToSign);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Compute_VectorStringToSign_EqualsSignatureInAuthorization(string name)
    {
        var vector = SignatureVectors.Acs3Named(name);
        Assert.True(SignatureV3.TryParseAuthorization(vector.Authorization, out _, out _, out var expected));

        var signature = SignatureV3.Compute(vector.Secret, vector.StringToSign);

        Assert.Equal(expected, signature);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Compute_RecomputedFromRequest_VerifiesAgainstAuthorization(string name)
    {
        // The server's whole path: parse the header, rebuild over the listed headers, compare in constant time.
        var vector = SignatureVectors.Acs3Named(name);
        Assert.True(SignatureV3.TryParseAuthorization(vector.Authorization, out _, out var signedHeaders, out var presented));

        var canonical = SignatureV3.CanonicalRequest(
            vector.Method, vector.Pathname, vector.Query, signedHeaders, HeaderLookup(vector), BodyHash(vector));
        var computed = SignatureV3.Compute(vector.Secret, SignatureV3.StringToSign(canonical));

        Assert.True(SignatureComparer.FixedTimeEquals(presented, computed));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void TryParseAuthorization_VectorHeader_ReturnsItsParts(string name)
    {
        var vector = SignatureVectors.Acs3Named(name);
        var expectedHeaders = vector.Authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var expectedSignature = vector.Authorization.Split("Signature=")[1];

        var parsed = SignatureV3.TryParseAuthorization(
            vector.Authorization, out var accessKeyId, out var signedHeaders, out var signature);

        Assert.True(parsed);
        Assert.Equal(vector.AccessKeyId, accessKeyId);
        Assert.Equal(expectedHeaders, signedHeaders);
        Assert.Equal(expectedSignature, signature);
        Assert.Equal(64, signature.Length);
    }

    [Theory]
    [InlineData("missing Signature", "ACS3-HMAC-SHA256 " + ValidCredential + "," + ValidSignedHeaders)]
    [InlineData("missing SignedHeaders", "ACS3-HMAC-SHA256 " + ValidCredential + "," + ValidSignature)]
    [InlineData("missing Credential", "ACS3-HMAC-SHA256 " + ValidSignedHeaders + "," + ValidSignature)]
    [InlineData("wrong algorithm", "ACS3-HMAC-SM3 " + ValidCredential + "," + ValidSignedHeaders + "," + ValidSignature)]
    [InlineData("V2-like algorithm", "HMAC-SHA256 " + ValidCredential + "," + ValidSignedHeaders + "," + ValidSignature)]
    [InlineData("lower-case algorithm", "acs3-hmac-sha256 " + ValidCredential + "," + ValidSignedHeaders + "," + ValidSignature)]
    [InlineData("no space after algorithm", "ACS3-HMAC-SHA256" + ValidCredential + "," + ValidSignedHeaders + "," + ValidSignature)]
    [InlineData("unknown part", "ACS3-HMAC-SHA256 " + ValidCredential + "," + ValidSignedHeaders + "," + ValidSignature + ",Region=cn")]
    [InlineData("empty credential", "ACS3-HMAC-SHA256 Credential=," + ValidSignedHeaders + "," + ValidSignature)]
    [InlineData("empty signed headers", "ACS3-HMAC-SHA256 " + ValidCredential + ",SignedHeaders=," + ValidSignature)]
    [InlineData("empty signature", "ACS3-HMAC-SHA256 " + ValidCredential + "," + ValidSignedHeaders + ",Signature=")]
    [InlineData("part without =", "ACS3-HMAC-SHA256 " + ValidCredential + "," + ValidSignedHeaders + ",Signature")]
    [InlineData("empty part name", "ACS3-HMAC-SHA256 " + ValidCredential + "," + ValidSignedHeaders + ",=abc," + ValidSignature)]
    [InlineData("algorithm only", "ACS3-HMAC-SHA256 ")]
    [InlineData("empty header", "")]
    public void TryParseAuthorization_Malformed_ReturnsFalse(string reason, string header)
    {
        var parsed = SignatureV3.TryParseAuthorization(header, out _, out _, out _);

        Assert.False(parsed, reason);
    }

    [Fact]
    public void PayloadHash_EmptyBody_EqualsEmptyPayloadHash()
    {
        var hash = SignatureV3.PayloadHash([]);

        Assert.Equal(SignatureV3.EmptyPayloadHash, hash);
    }

    [Fact]
    public void PayloadHash_FormBodyVector_EqualsItsContentSha256Header()
    {
        var vector = SignatureVectors.Acs3Named("ACS3-DECRYPT-POST-FORMBODY");

        var hash = SignatureV3.PayloadHash(Encoding.UTF8.GetBytes(vector.Body));

        Assert.Equal(vector.Headers["x-acs-content-sha256"], hash);
        Assert.Equal("cece55e59899051e105970b53a922170dd6793e6b6121723dc565be87584fdcb", hash);
    }

    [Fact]
    public void CanonicalRequest_SignedHeadersUnsortedAndMixedCase_SortsAndLowerCasesThem()
    {
        var vector = SignatureVectors.Acs3Named("ACS3-ENCRYPT-POST-QUERY");
        var shuffled = ParsedSignedHeaders(vector).Reverse().Select(h => h.ToUpperInvariant()).ToList();

        var canonical = SignatureV3.CanonicalRequest(
            vector.Method, vector.Pathname, vector.Query, shuffled, HeaderLookup(vector), BodyHash(vector));

        Assert.Equal(vector.CanonicalRequest, canonical);
    }

    [Fact]
    public void CanonicalRequest_HeaderValueWithSurroundingSpaces_TrimsIt()
    {
        var vector = SignatureVectors.Acs3Named("ACS3-ENCRYPT-POST-QUERY");
        string? Padded(string name) => vector.Headers.TryGetValue(name, out var value) ? "  " + value + "\t " : null;

        var canonical = SignatureV3.CanonicalRequest(
            vector.Method, vector.Pathname, vector.Query, ParsedSignedHeaders(vector), Padded, BodyHash(vector));

        Assert.Equal(vector.CanonicalRequest, canonical);
    }

    [Fact]
    public void CanonicalRequest_QueryInReverseOrderAndLowerCaseMethod_SortsAndUpperCases()
    {
        var vector = SignatureVectors.Acs3Named("ACS3-CREATEKEY-POST-SPECIALCHARS-LOCALHOST");

        var canonical = SignatureV3.CanonicalRequest(
            "post", vector.Pathname, vector.Query.Reverse(), ParsedSignedHeaders(vector), HeaderLookup(vector), BodyHash(vector));

        Assert.Equal(vector.CanonicalRequest, canonical);
    }

    [Fact]
    public void CanonicalRequest_UnsignedHeaderChanged_DoesNotChange()
    {
        var vector = SignatureVectors.Acs3Named("ACS3-ENCRYPT-POST-QUERY");
        string? OtherUserAgent(string name) =>
            name == "user-agent" ? "something-else/1.0" : HeaderLookup(vector)(name);

        var canonical = SignatureV3.CanonicalRequest(
            vector.Method, vector.Pathname, vector.Query, ParsedSignedHeaders(vector), OtherUserAgent, BodyHash(vector));

        Assert.Equal(vector.CanonicalRequest, canonical);
    }

    [Fact]
    public void Compute_SecretWithV2Ampersand_DoesNotMatch()
    {
        // V3 keys HMAC with the bare secret, unlike V2's secret + "&".
        var vector = SignatureVectors.Acs3Named("ACS3-ENCRYPT-POST-QUERY");
        Assert.True(SignatureV3.TryParseAuthorization(vector.Authorization, out _, out _, out var expected));

        var signature = SignatureV3.Compute(Encoding.UTF8.GetBytes("test-secret&"), vector.StringToSign);

        Assert.NotEqual(expected, signature);
    }

    private static IReadOnlyList<string> ParsedSignedHeaders(Acs3Vector vector)
    {
        Assert.True(SignatureV3.TryParseAuthorization(vector.Authorization, out _, out var signedHeaders, out _));
        return signedHeaders;
    }

    private static Func<string, string?> HeaderLookup(Acs3Vector vector) =>
        name => vector.Headers.TryGetValue(name, out var value) ? value : null;

    private static string BodyHash(Acs3Vector vector) => SignatureV3.PayloadHash(Encoding.UTF8.GetBytes(vector.Body));
}
