using System.Security.Cryptography;
using System.Text;

namespace Coffer.Crypto.Envelope;

/// <summary>
/// Alibaba's AAD for an EncryptionContext: SHA-256 of the pairs sorted by key (ordinal) and joined as
/// <c>k1=v1&amp;k2=v2</c>. No context, no AAD (an empty span).
/// </summary>
public static class EncryptionContextDigest
{
    /// <summary>Computes the AAD for <paramref name="context"/>; empty when the context has no pairs.</summary>
    public static byte[] Compute(IReadOnlyDictionary<string, string> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Count == 0)
        {
            return [];
        }

        var builder = new StringBuilder();
        foreach (var pair in context.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(pair.Key).Append('=').Append(pair.Value);
        }

        // Security: a value holding '&' or '=' can imitate two pairs; kept for interoperability (docs/security.md).
        return SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
    }
}
