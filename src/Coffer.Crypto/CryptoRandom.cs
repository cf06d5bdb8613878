using System.Security.Cryptography;
using Coffer.Crypto.Secrets;

namespace Coffer.Crypto;

/// <summary>The one place that generates nonces, IVs and key material (RandomNumberGenerator).</summary>
public static class CryptoRandom
{
    /// <summary>Fills <paramref name="destination"/> with cryptographically strong random bytes.</summary>
    public static void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);

    /// <summary>Returns <paramref name="count"/> random bytes.</summary>
    public static byte[] Bytes(int count) => RandomNumberGenerator.GetBytes(count);

    /// <summary>Returns fresh secret material of <paramref name="count"/> bytes, owned by the caller.</summary>
    public static SecretBytes NewSecret(int count) => new(RandomNumberGenerator.GetBytes(count));

    /// <summary>Returns a random string of <paramref name="length"/> characters drawn from <paramref name="alphabet"/>.</summary>
    public static string Text(int length, string alphabet)
    {
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
