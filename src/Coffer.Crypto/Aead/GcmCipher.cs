using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Coffer.Crypto.Aead;

/// <summary>
/// AES-GCM and SM4-GCM with caller-supplied key and nonce, so both can be checked against published vectors.
/// Tags are 16 bytes unless a vector says otherwise.
/// </summary>
public static class GcmCipher
{
    /// <summary>Length of the nonce Coffer generates (96 bits).</summary>
    public const int NonceLength = 12;

    /// <summary>Length of the tag Coffer writes.</summary>
    public const int TagLength = 16;

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length) and writes the tag.</summary>
    /// <exception cref="ArgumentException">Key, nonce or buffer sizes do not fit the algorithm.</exception>
    public static void Encrypt(
        AeadAlgorithm algorithm,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData,
        Span<byte> ciphertext,
        Span<byte> tag)
    {
        if (ciphertext.Length != plaintext.Length)
        {
            throw new ArgumentException("Ciphertext buffer must match the plaintext length.", nameof(ciphertext));
        }

        if (algorithm == AeadAlgorithm.AesGcm)
        {
            using var aes = new AesGcm(key, tag.Length);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
            return;
        }

        var cipher = NewSm4(forEncryption: true, key, nonce, associatedData, tag.Length);
        var input = plaintext.ToArray();
        var output = new byte[plaintext.Length + tag.Length];
        try
        {
            var written = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            cipher.DoFinal(output, written);
            output.AsSpan(0, plaintext.Length).CopyTo(ciphertext);
            output.AsSpan(plaintext.Length, tag.Length).CopyTo(tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>
    /// Decrypts and authenticates. Returns false for any authentication failure, never throws for bad input bytes.
    /// </summary>
    public static bool TryDecrypt(
        AeadAlgorithm algorithm,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag,
        ReadOnlySpan<byte> associatedData,
        Span<byte> plaintext)
    {
        if (plaintext.Length != ciphertext.Length)
        {
            throw new ArgumentException("Plaintext buffer must match the ciphertext length.", nameof(plaintext));
        }

        if (algorithm == AeadAlgorithm.AesGcm)
        {
            try
            {
                using var aes = new AesGcm(key, tag.Length);
                aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        var output = new byte[ciphertext.Length];
        try
        {
            var cipher = NewSm4(forEncryption: false, key, nonce, associatedData, tag.Length);
            var input = new byte[ciphertext.Length + tag.Length];
            ciphertext.CopyTo(input);
            tag.CopyTo(input.AsSpan(ciphertext.Length));
            var written = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            cipher.DoFinal(output, written);
            output.CopyTo(plaintext);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }
        finally
        {
            // Security: BouncyCastle may have written unauthenticated plaintext into the buffer.
            CryptographicOperations.ZeroMemory(output);
        }
    }

    private static GcmBlockCipher NewSm4(
        bool forEncryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, int tagLength)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("SM4 keys are 16 bytes.", nameof(key));
        }

        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key.ToArray()), tagLength * 8, nonce.ToArray(), associatedData.ToArray()));
        return cipher;
    }
}
