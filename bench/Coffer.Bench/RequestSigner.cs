using System.Globalization;
using System.Text;
using Coffer.Protocol.Signing;

namespace Coffer.Bench;

/// <summary>Builds a freshly V2-signed POST form request per call: a new nonce and timestamp every time, never a replay.</summary>
internal sealed class RequestSigner(Uri endpoint, string accessKeyId, string accessKeySecret)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(accessKeySecret);

    public HttpRequestMessage Build(string action, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = action,
            ["Version"] = "2016-01-20",
            ["Format"] = "JSON",
            ["AccessKeyId"] = accessKeyId,
            ["SignatureMethod"] = SignatureV2.Method,
            ["SignatureVersion"] = SignatureV2.Version,
            ["SignatureNonce"] = Guid.NewGuid().ToString("N"),
            ["Timestamp"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in parameters)
        {
            all[k] = v;
        }

        all["Signature"] = SignatureV2.Compute(_secret, SignatureV2.StringToSign("POST", all));
        var body = new StringBuilder(512);
        foreach (var (k, v) in all)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(PercentEncoding.Encode(k)).Append('=').Append(PercentEncoding.Encode(v));
        }

        return new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }
}
