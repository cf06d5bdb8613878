using System.Security.Cryptography;
using System.Text;

namespace Coffer.Protocol.Signing;

/// <summary>The one place presented and computed signatures are compared.</summary>
public static class SignatureComparer
{
    /// <summary>Constant-time equality of two signature strings (their UTF-8 bytes).</summary>
    // Security: a timing difference would let a caller learn the signature byte by byte.
    public static bool FixedTimeEquals(string presented, string computed) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(computed));
}
