using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Protocol.Signing;
using Coffer.Testing;

namespace Coffer.Server.Tests.Authentication;

/// <summary>
/// A hand-made ACS3-HMAC-SHA256 request whose every part a test can bend: which headers are sent and signed, the
/// body, the payload hash claimed in the header and the one signed. Builds the canonical request the server should
/// compute, so mismatch Messages can be checked verbatim.
/// </summary>
internal sealed class V3Request
{
    public V3Request(CofferApplicationFactory factory, string action, IReadOnlyDictionary<string, string>? query = null)
    {
        Endpoint = factory.Endpoint;
        AccessKeyId = factory.AccessKeyId;
        Secret = factory.AccessKeySecret;
        Query = new Dictionary<string, string>(query ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Headers["host"] = Endpoint.Authority;
        Headers["x-acs-action"] = action;
        Headers["x-acs-version"] = "2016-01-20";
        Headers["x-acs-date"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Headers["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N");
        Headers["x-acs-content-sha256"] = SignatureV3.EmptyPayloadHash;
    }

    public Uri Endpoint { get; }

    public string AccessKeyId { get; set; }

    public string Secret { get; set; }

    public Dictionary<string, string> Query { get; }

    /// <summary>Headers to send, lower-case names; all of them are signed unless <see cref="SignedHeaders"/> says otherwise.</summary>
    public SortedDictionary<string, string> Headers { get; } = new(StringComparer.Ordinal);

    public List<string>? SignedHeaders { get; set; }

    public byte[] Body { get; set; } = [];

    public string? BodyContentType { get; set; }

    /// <summary>The payload hash the signature covers; by default the hash of <see cref="Body"/>.</summary>
    public string? SignedPayloadHash { get; set; }

    public IReadOnlyList<string> Signed => SignedHeaders ?? [.. Headers.Keys];

    /// <summary>The canonical request the server builds from what it receives.</summary>
    public string ServerCanonicalRequest(IReadOnlyDictionary<string, string>? receivedQuery = null) =>
        SignatureV3.CanonicalRequest(
            "POST", "/", receivedQuery ?? Query, Signed, name => Headers.GetValueOrDefault(name), SignatureV3.PayloadHash(Body));

    public HttpRequestMessage Build()
    {
        var canonical = SignatureV3.CanonicalRequest(
            "POST", "/", Query, Signed, name => Headers.GetValueOrDefault(name), SignedPayloadHash ?? SignatureV3.PayloadHash(Body));
        var signature = SignatureV3.Compute(Encoding.UTF8.GetBytes(Secret), SignatureV3.StringToSign(canonical));
        return BuildWithAuthorization(
            $"{SignatureV3.Algorithm} Credential={AccessKeyId},SignedHeaders={string.Join(';', Signed)},Signature={signature}");
    }

    public HttpRequestMessage BuildWithAuthorization(string authorization)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint, "?" + SigningClient.Encode(Query)));
        foreach (var (name, value) in Headers.Where(h => h.Key != "host"))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (Body.Length > 0)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(BodyContentType ?? "application/x-www-form-urlencoded");
        }

        return message;
    }
}
