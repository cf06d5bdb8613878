using System.Buffers;
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
    /// <remarks>
    /// Written in one pass: the canonical query's separators are written already encoded (<c>%3D</c>, <c>%26</c>) and
    /// each name and value is encoded twice at once (an escape <c>%XY</c> becomes <c>%25XY</c>), which is what
    /// encoding the encoded query again gives.
    /// </remarks>
    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sorted = new List<(KeyValuePair<string, string> Pair, int Index)>(parameters.TryGetNonEnumeratedCount(out var count) ? count : 16);
        foreach (var pair in parameters)
        {
            if (pair.Key != "Signature")
            {
                sorted.Add((pair, sorted.Count));
            }
        }

        // Ordinal by name; the wire order breaks ties, as a stable sort would.
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Pair.Key, b.Pair.Key) is var byName and not 0 ? byName : a.Index.CompareTo(b.Index));
        var builder = new StringBuilder(256);
        builder.Append(httpMethod.ToUpperInvariant()).Append("&%2F&");
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                builder.Append("%26");
            }

            PercentEncoding.AppendEncoded(builder, sorted[i].Pair.Key, "%25");
            builder.Append("%3D");
            PercentEncoding.AppendEncoded(builder, sorted[i].Pair.Value, "%25");
        }

        return builder.ToString();
    }

    /// <summary>Base64 HMAC-SHA1 of <paramref name="stringToSign"/> keyed with <c>secret + "&amp;"</c>.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, string stringToSign)
    {
        var key = secret.Length < 256 ? stackalloc byte[secret.Length + 1] : new byte[secret.Length + 1];
        var message = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(stringToSign.Length));
        try
        {
            secret.CopyTo(key);
            key[^1] = (byte)'&';
            var length = Encoding.UTF8.GetBytes(stringToSign, message);
            Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
            // HMAC-SHA1 is what Alibaba's V2 signature is; it is still a sound MAC (CA5350 is about SHA-1 hashing).
#pragma warning disable CA5350
            HMACSHA1.HashData(key, message.AsSpan(0, length), mac);
#pragma warning restore CA5350
            return Convert.ToBase64String(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            ArrayPool<byte>.Shared.Return(message);
        }
    }
}
