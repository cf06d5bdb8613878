using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Protocol.Signing;

namespace Coffer.Testing;

/// <summary>
/// A test client that signs every request freshly with Coffer.Protocol's signers (V2 or V3), so tests speak the
/// same wire as the official clients. Nonces are random per request unless a test fixes one.
/// </summary>
public sealed class SigningClient(HttpClient http, Uri endpoint, string accessKeyId, string accessKeySecret, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The endpoint, e.g. http://127.0.0.1:5123/.</summary>
    public Uri Endpoint => endpoint;

    /// <summary>Sends a V2-signed call.</summary>
    public async Task<CofferResponse> CallV2Async(
        string action,
        IReadOnlyDictionary<string, string>? parameters = null,
        WirePlacement placement = WirePlacement.PostQuery,
        Action<Dictionary<string, string>>? tamper = null,
        CancellationToken cancellationToken = default)
    {
        using var message = BuildV2(action, parameters ?? new Dictionary<string, string>(), placement, tamper);
        return await SendAsync(message, cancellationToken);
    }

    /// <summary>Builds a V2-signed request; <paramref name="tamper"/> edits the common and business parameters before signing.</summary>
    public HttpRequestMessage BuildV2(
        string action, IReadOnlyDictionary<string, string> parameters, WirePlacement placement, Action<Dictionary<string, string>>? tamper = null)
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = action,
            ["Version"] = "2016-01-20",
            ["Format"] = "JSON",
            ["AccessKeyId"] = accessKeyId,
            ["SignatureMethod"] = SignatureV2.Method,
            ["SignatureVersion"] = SignatureV2.Version,
            ["SignatureNonce"] = Guid.NewGuid().ToString("N"),
            ["Timestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var business = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        var all = new Dictionary<string, string>(common, StringComparer.Ordinal);
        foreach (var (k, v) in business)
        {
            all[k] = v;
        }

        tamper?.Invoke(all);
        var method = placement == WirePlacement.GetQuery ? "GET" : "POST";
        var signature = SignatureV2.Compute(Encoding.UTF8.GetBytes(accessKeySecret), SignatureV2.StringToSign(method, all));
        all["Signature"] = signature;
        var message = new HttpRequestMessage(new HttpMethod(method), endpoint);
        switch (placement)
        {
            case WirePlacement.PostForm:
                message.Content = Form(all);
                break;
            case WirePlacement.Terraform:
                var query = all.Where(p => common.ContainsKey(p.Key) || p.Key == "Signature").ToList();
                message.RequestUri = new Uri(endpoint, "?" + Encode(query));
                message.Content = Form(all.Where(p => !common.ContainsKey(p.Key) && p.Key != "Signature"));
                break;
            default:
                message.RequestUri = new Uri(endpoint, "?" + Encode(all));
                break;
        }

        return message;
    }

    /// <summary>Sends a V3 (ACS3-HMAC-SHA256) call with the parameters in the query and an empty body.</summary>
    public async Task<CofferResponse> CallV3Async(
        string action,
        IReadOnlyDictionary<string, string>? parameters = null,
        Action<HttpRequestMessage>? tamper = null,
        CancellationToken cancellationToken = default)
    {
        using var message = BuildV3(action, parameters ?? new Dictionary<string, string>());
        tamper?.Invoke(message);
        return await SendAsync(message, cancellationToken);
    }

    /// <summary>Builds a V3-signed request the way openapi-client does.</summary>
    public HttpRequestMessage BuildV3(string action, IReadOnlyDictionary<string, string> parameters, string? nonce = null)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = endpoint.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = "2016-01-20",
            ["x-acs-date"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = nonce ?? Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = SignatureV3.EmptyPayloadHash,
        };
        var signed = headers.Keys.ToList();
        var canonical = SignatureV3.CanonicalRequest("POST", "/", parameters, signed, name => headers.GetValueOrDefault(name), SignatureV3.EmptyPayloadHash);
        var signature = SignatureV3.Compute(Encoding.UTF8.GetBytes(accessKeySecret), SignatureV3.StringToSign(canonical));
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "?" + Encode(parameters)));
        foreach (var (name, value) in headers.Where(h => h.Key != "host"))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation(
            "Authorization", $"{SignatureV3.Algorithm} Credential={accessKeyId},SignedHeaders={string.Join(';', signed)},Signature={signature}");
        return message;
    }

    /// <summary>Sends a prepared request and reads the whole answer.</summary>
    public async Task<CofferResponse> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken = default)
    {
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = response.Headers.TryGetValues("x-acs-request-id", out var ids) ? ids.FirstOrDefault() : null;
        return new CofferResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", text, requestId);
    }

    /// <summary>CreateKey; returns the KeyId.</summary>
    public async Task<string> CreateKeyAsync(string? keySpec = null, string? description = null)
    {
        var parameters = new Dictionary<string, string>();
        if (keySpec is not null)
        {
            parameters["KeySpec"] = keySpec;
        }

        if (description is not null)
        {
            parameters["Description"] = description;
        }

        var response = await CallV2Async("CreateKey", parameters);
        EnsureOk(response);
        return response.Json.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    /// <summary>Encrypt; returns the CiphertextBlob.</summary>
    public async Task<string> EncryptAsync(string keyId, string plaintext, string? context = null)
    {
        var parameters = new Dictionary<string, string> { ["KeyId"] = keyId, ["Plaintext"] = plaintext };
        if (context is not null)
        {
            parameters["EncryptionContext"] = context;
        }

        var response = await CallV2Async("Encrypt", parameters);
        EnsureOk(response);
        return response.Field("CiphertextBlob");
    }

    /// <summary>Decrypt; returns the whole answer (tests look at errors too).</summary>
    public Task<CofferResponse> DecryptAsync(string blob, string? context = null)
    {
        var parameters = new Dictionary<string, string> { ["CiphertextBlob"] = blob };
        if (context is not null)
        {
            parameters["EncryptionContext"] = context;
        }

        return CallV2Async("Decrypt", parameters);
    }

    /// <summary>Strict encoding of pairs as <c>a=1&amp;b=2</c>.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => PercentEncoding.Encode(p.Key) + "=" + PercentEncoding.Encode(p.Value)));

    private static ByteArrayContent Form(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Encode(pairs)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private static void EnsureOk(CofferResponse response)
    {
        if (response.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Expected 200, got {(int)response.Status}: {response.Text}");
        }
    }
}
