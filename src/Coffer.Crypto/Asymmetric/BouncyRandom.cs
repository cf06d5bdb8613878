using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace Coffer.Crypto.Asymmetric;

/// <summary>Hands BouncyCastle a SecureRandom whose every byte comes from <see cref="CryptoRandom"/>.</summary>
internal static class BouncyRandom
{
    // Security: BouncyCastle must never seed its own generator; CryptoRandom is the one randomness source.
    public static SecureRandom Create() => new(new Generator());

    private sealed class Generator : IRandomGenerator
    {
        public void AddSeedMaterial(byte[] seed)
        {
        }

        public void AddSeedMaterial(ReadOnlySpan<byte> seed)
        {
        }

        public void AddSeedMaterial(long seed)
        {
        }

        public void NextBytes(byte[] bytes) => CryptoRandom.Fill(bytes);

        public void NextBytes(byte[] bytes, int start, int len) => CryptoRandom.Fill(bytes.AsSpan(start, len));

        public void NextBytes(Span<byte> bytes) => CryptoRandom.Fill(bytes);
    }
}
