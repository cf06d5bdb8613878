using System.Text;
using Coffer.Crypto.Aead;

namespace Coffer.Crypto.Envelope;

/// <summary>
/// Alibaba's symmetric ciphertext layout: KeyVersionId (36 ASCII bytes) ‖ IV (12) ‖ ciphertext ‖ tag (16).
/// The blob is exactly 64 bytes longer than the plaintext. There is no format byte: the KeyVersionId names the
/// version, and through it the algorithm.
/// </summary>
public static class CiphertextBlob
{
    /// <summary>Length of the KeyVersionId prefix.</summary>
    public const int VersionIdLength = 36;

    /// <summary>Bytes a blob adds to its plaintext.</summary>
    public const int Overhead = VersionIdLength + GcmCipher.NonceLength + GcmCipher.TagLength;

    /// <summary>Encrypts <paramref name="plaintext"/> under <paramref name="material"/> with a fresh random IV.</summary>
    /// <param name="algorithm">The version's cipher.</param>
    /// <param name="material">The version's key material.</param>
    /// <param name="keyVersionId">A 36-character ASCII identifier.</param>
    /// <param name="plaintext">The bytes to encrypt.</param>
    /// <param name="associatedData">The EncryptionContext digest, or empty.</param>
    public static byte[] Seal(
        AeadAlgorithm algorithm,
        ReadOnlySpan<byte> material,
        string keyVersionId,
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData)
    {
        if (keyVersionId.Length != VersionIdLength || keyVersionId.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException("A KeyVersionId is 36 printable ASCII characters.", nameof(keyVersionId));
        }

        var blob = new byte[Overhead + plaintext.Length];
        var span = blob.AsSpan();
        Encoding.ASCII.GetBytes(keyVersionId, span[..VersionIdLength]);
        var iv = span.Slice(VersionIdLength, GcmCipher.NonceLength);
        CryptoRandom.Fill(iv);
        var ciphertext = span.Slice(VersionIdLength + GcmCipher.NonceLength, plaintext.Length);
        var tag = span[^GcmCipher.TagLength..];
        GcmCipher.Encrypt(algorithm, material, iv, plaintext, associatedData, ciphertext, tag);
        return blob;
    }

    /// <summary>
    /// Reads the KeyVersionId from a blob. False when the blob is too short to hold one or its prefix is not
    /// printable ASCII; the caller answers the same "invalid ciphertext" error either way.
    /// </summary>
    public static bool TryReadVersionId(ReadOnlySpan<byte> blob, out string keyVersionId)
    {
        keyVersionId = "";
        if (blob.Length < Overhead)
        {
            return false;
        }

        var prefix = blob[..VersionIdLength];
        foreach (var b in prefix)
        {
            if (b is < 0x21 or > 0x7e)
            {
                return false;
            }
        }

        keyVersionId = Encoding.ASCII.GetString(prefix);
        return true;
    }

    /// <summary>
    /// Authenticates and decrypts a blob. Returns null for a tampered blob, a wrong key or a wrong context.
    /// </summary>
    public static byte[]? TryOpen(
        AeadAlgorithm algorithm, ReadOnlySpan<byte> material, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData)
    {
        if (blob.Length < Overhead)
        {
            return null;
        }

        var iv = blob.Slice(VersionIdLength, GcmCipher.NonceLength);
        var ciphertext = blob[(VersionIdLength + GcmCipher.NonceLength)..^GcmCipher.TagLength];
        var tag = blob[^GcmCipher.TagLength..];
        var plaintext = new byte[ciphertext.Length];

        // Security: the version id prefix is not in the AAD (Alibaba's layout); swapping it names another version
        // whose material fails the tag, so the prefix cannot be changed undetected.
        return GcmCipher.TryDecrypt(algorithm, material, iv, ciphertext, tag, associatedData, plaintext) ? plaintext : null;
    }
}
