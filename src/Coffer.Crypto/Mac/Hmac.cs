using System.Security.Cryptography;
using Coffer.Crypto.Secrets;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Coffer.Crypto.Mac;

/// <summary>
/// HMAC keys: SHA-256/384/512 through .NET; SM3 through BouncyCastle, and SHA-224 through BouncyCastle too because
/// .NET has no SHA-224.
/// </summary>
public static class Hmac
{
    /// <summary>Output length, which is also the length of the key material Coffer generates.</summary>
    public static int Length(MacAlgorithm algorithm) => algorithm switch
    {
        MacAlgorithm.HmacSha224 => 28,
        MacAlgorithm.HmacSha256 => 32,
        MacAlgorithm.HmacSha384 => 48,
        MacAlgorithm.HmacSha512 => 64,
        MacAlgorithm.HmacSm3 => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown MAC algorithm."),
    };

    /// <summary>Fresh HMAC key material, as long as the hash output.</summary>
    public static SecretBytes GenerateKey(MacAlgorithm algorithm) => CryptoRandom.NewSecret(Length(algorithm));

    /// <summary>HMAC of <paramref name="message"/> under <paramref name="key"/>.</summary>
    public static byte[] Compute(MacAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        switch (algorithm)
        {
            case MacAlgorithm.HmacSha256:
                return HMACSHA256.HashData(key, message);
            case MacAlgorithm.HmacSha384:
                return HMACSHA384.HashData(key, message);
            case MacAlgorithm.HmacSha512:
                return HMACSHA512.HashData(key, message);
            case MacAlgorithm.HmacSha224:
            case MacAlgorithm.HmacSm3:
                IDigest digest = algorithm == MacAlgorithm.HmacSm3 ? new SM3Digest() : new Sha224Digest();
                var hmac = new HMac(digest);
                var keyCopy = key.ToArray();
                try
                {
                    hmac.Init(new KeyParameter(keyCopy));
                    hmac.BlockUpdate(message);
                    var output = new byte[hmac.GetMacSize()];
                    hmac.DoFinal(output);
                    hmac.Reset();
                    return output;
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(keyCopy);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown MAC algorithm.");
        }
    }

    /// <summary>Whether <paramref name="mac"/> is the full-length HMAC of <paramref name="message"/>; constant time.</summary>
    public static bool Verify(MacAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> mac)
    {
        var expected = Compute(algorithm, key, message);
        // Security: truncated MACs are refused, and the comparison is fixed-time.
        return mac.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
