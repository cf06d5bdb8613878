using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coffer.Crypto.Hashing;

/// <summary>
/// A 128-bit digest for in-memory indexes: the first 16 bytes of SHA-256, read little-endian. Collision resistant, so
/// an index keyed by it never merges two inputs by accident or by an attacker's choice.
/// </summary>
public static class Digest128
{
    /// <summary>The first 16 bytes of SHA-256(<paramref name="input"/>) as a little-endian number.</summary>
    public static UInt128 Of(ReadOnlySpan<byte> input)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
