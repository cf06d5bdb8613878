using System.Security.Cryptography;
using System.Text;

namespace Coffer.Protocol.Signing;

/// <summary>The one place presented and computed signatures are compared.</summary>
public static class SignatureComparer
{
    /// <summary>Constant-time equality of two signature strings (their UTF-8 bytes).</summary>
    // Security: a timing difference would let a caller learn the signature byte by byte.
    public static bool FixedTimeEquals(string presented, string computed)
    {
        if (presented.Length > 256 || computed.Length > 256)
        {
            // Longer than any signature: not equal to a computed one, or compared the slow way.
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(computed));
        }

        Span<byte> a = stackalloc byte[256 * 3];
        Span<byte> b = stackalloc byte[256 * 3];
        var lengthA = Encoding.UTF8.GetBytes(presented, a);
        var lengthB = Encoding.UTF8.GetBytes(computed, b);
        return CryptographicOperations.FixedTimeEquals(a[..lengthA], b[..lengthB]);
    }
}
