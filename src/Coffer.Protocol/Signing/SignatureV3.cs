using System.Security.Cryptography;
using System.Text;

namespace Coffer.Protocol.Signing;

/// <summary>
/// Alibaba's <c>ACS3-HMAC-SHA256</c> header signature, used to sign and to verify over one canonical request.
/// </summary>
public static class SignatureV3
{
    /// <summary>The algorithm name that starts the Authorization header.</summary>
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Lower-case hex SHA-256 of the empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// The canonical request: method, path, sorted strict-encoded query, the signed headers (<c>name:value\n</c>
    /// each, names lower-case, values trimmed), a blank line, the signed header list, and the payload hash.
    /// </summary>
    /// <param name="httpMethod">GET or POST.</param>
    /// <param name="path">The canonical URI, <c>/</c> for RPC.</param>
    /// <param name="query">Decoded query parameters (not form-body ones).</param>
    /// <param name="signedHeaders">Lower-case names of the signed headers, in the order the client listed them.</param>
    /// <param name="headerValue">The received value of a header, by lower-case name; null when absent.</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body.</param>
    public static string CanonicalRequest(
        string httpMethod,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<string> signedHeaders,
        Func<string, string?> headerValue,
        string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(httpMethod.ToUpperInvariant()).Append('\n').Append(path).Append('\n');
        var first = true;
        foreach (var (name, value) in query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            builder.Append(PercentEncoding.Encode(name)).Append('=').Append(PercentEncoding.Encode(value));
        }

        builder.Append('\n');
        var names = signedHeaders.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            builder.Append(name).Append(':').Append((headerValue(name) ?? "").Trim()).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', names)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary><c>ACS3-HMAC-SHA256\n</c> + hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string canonicalRequest) =>
        Algorithm + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> keyed with the secret (no <c>&amp;</c>).</summary>
    public static string Compute(ReadOnlySpan<byte> secret, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Lower-case hex SHA-256 of a body.</summary>
    public static string PayloadHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// Parses <c>ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex</c>. False when any part is missing.
    /// </summary>
    public static bool TryParseAuthorization(string header, out string accessKeyId, out IReadOnlyList<string> signedHeaders, out string signature)
    {
        accessKeyId = "";
        signedHeaders = [];
        signature = "";
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null, headers = null, sig = null;
        foreach (var part in header[(Algorithm.Length + 1)..].Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            switch (name)
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    headers = value;
                    break;
                case "Signature":
                    sig = value;
                    break;
                default:
                    return false;
            }
        }

        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(headers) || string.IsNullOrEmpty(sig))
        {
            return false;
        }

        accessKeyId = credential;
        signedHeaders = headers.Split(';');
        signature = sig;
        return true;
    }
}
