using System.Security.Cryptography;
using System.Text;

namespace Coffer.Protocol.Signing;

/// <summary>
/// Alibaba's RPC signature "V2" (wire values <c>SignatureMethod=HMAC-SHA1</c>, <c>SignatureVersion=1.0</c>), used
/// both to sign (clients, tests) and to verify (server), so both sides share one canonicalisation.
/// </summary>
public static class SignatureV2
{
    /// <summary>The only accepted SignatureMethod.</summary>
    public const string Method = "HMAC-SHA1";

    /// <summary>The only accepted SignatureVersion.</summary>
    public const string Version = "1.0";

    /// <summary>
    /// <c>METHOD&amp;%2F&amp;encode(canonical query)</c> over every parameter except <c>Signature</c>, sorted by name (ordinal).
    /// </summary>
    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sorted = parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal);
        var canonical = new StringBuilder();
        foreach (var (name, value) in sorted)
        {
            if (canonical.Length > 0)
            {
                canonical.Append('&');
            }

            canonical.Append(PercentEncoding.Encode(name)).Append('=').Append(PercentEncoding.Encode(value));
        }

        return httpMethod.ToUpperInvariant() + "&" + PercentEncoding.Encode("/") + "&" + PercentEncoding.Encode(canonical.ToString());
    }

    /// <summary>Base64 HMAC-SHA1 of <paramref name="stringToSign"/> keyed with <c>secret + "&amp;"</c>.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, string stringToSign)
    {
        var key = new byte[secret.Length + 1];
        secret.CopyTo(key);
        key[^1] = (byte)'&';
        try
        {
            // HMAC-SHA1 is what Alibaba's V2 signature is; it is still a sound MAC (CA5350 is about SHA-1 hashing).
#pragma warning disable CA5350
            return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
#pragma warning restore CA5350
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
