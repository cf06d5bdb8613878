using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Coffer.Crypto.Aead;

namespace Coffer.Crypto.Wrapping;

/// <summary>
/// The root key: 32 bytes that wrap every piece of key material and every AccessKey secret at rest with
/// AES-256-GCM. A wrapped record is <c>0x01 ‖ IV (12) ‖ ciphertext ‖ tag (16)</c>, and its AAD names what it is
/// (account, key and version for material), so a record moved to another row fails to unwrap.
/// </summary>
[DebuggerDisplay("RootKey(AES-256)")]
public sealed class RootKey : IDisposable
{
    /// <summary>Root key length in bytes.</summary>
    public const int Length = 32;

    private const byte RecordVersion = 1;
    private const string CheckLabel = "coffer:root-check:v1";
    private const string DerivedLabel = "coffer:derived:v1|";
    private readonly byte[] _key;
    private bool _disposed;

    private RootKey(byte[] key) => _key = key;

    /// <summary>Creates a fresh random root key.</summary>
    public static RootKey Generate() => new(CryptoRandom.Bytes(Length));

    /// <summary>Takes a copy of 32 raw bytes as the root key.</summary>
    /// <exception cref="ArgumentException">Not exactly 32 bytes.</exception>
    public static RootKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException("A root key is 32 bytes.", nameof(key));
        }

        return new RootKey(key.ToArray());
    }

    /// <summary>Parses base64 text holding exactly 32 bytes; false for anything else.</summary>
    public static bool TryFromBase64(string text, out RootKey? rootKey)
    {
        rootKey = null;
        var buffer = new byte[Length + 3];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != Length)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return false;
        }

        rootKey = FromBytes(buffer.AsSpan(0, Length));
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }

    /// <summary>The key as base64, for writing the key file once at initialisation.</summary>
    public string ExportBase64() => Convert.ToBase64String(Key);

    /// <summary>Wraps <paramref name="plaintext"/> with AAD <paramref name="label"/>.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> plaintext, string label)
    {
        var record = new byte[1 + GcmCipher.NonceLength + plaintext.Length + GcmCipher.TagLength];
        var span = record.AsSpan();
        span[0] = RecordVersion;
        var iv = span.Slice(1, GcmCipher.NonceLength);
        CryptoRandom.Fill(iv);
        GcmCipher.Encrypt(
            AeadAlgorithm.AesGcm,
            Key,
            iv,
            plaintext,
            Encoding.UTF8.GetBytes(label),
            span.Slice(1 + GcmCipher.NonceLength, plaintext.Length),
            span[^GcmCipher.TagLength..]);
        return record;
    }

    /// <summary>Unwraps a record made by <see cref="Wrap"/> with the same label; null when it does not authenticate.</summary>
    public byte[]? TryUnwrap(ReadOnlySpan<byte> record, string label)
    {
        if (record.Length < 1 + GcmCipher.NonceLength + GcmCipher.TagLength || record[0] != RecordVersion)
        {
            return null;
        }

        var ciphertext = record[(1 + GcmCipher.NonceLength)..^GcmCipher.TagLength];
        var plaintext = new byte[ciphertext.Length];
        var ok = GcmCipher.TryDecrypt(
            AeadAlgorithm.AesGcm,
            Key,
            record.Slice(1, GcmCipher.NonceLength),
            ciphertext,
            record[^GcmCipher.TagLength..],
            Encoding.UTF8.GetBytes(label),
            plaintext);
        return ok ? plaintext : null;
    }

    /// <summary>
    /// HMAC-SHA-256 of <paramref name="message"/> under a key derived from the root key for <paramref name="purpose"/>
    /// (HKDF-SHA-256, info <c>coffer:derived:v1|purpose</c>): a keyed fingerprint or token tag that only this root key
    /// can compute, and that is unrelated between purposes.
    /// </summary>
    public byte[] Mac(string purpose, ReadOnlySpan<byte> message)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        Span<byte> derived = stackalloc byte[32];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, derived, [], Encoding.UTF8.GetBytes(DerivedLabel + purpose));
            return HMACSHA256.HashData(derived, message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Whether <paramref name="mac"/> is the full <see cref="Mac"/> of <paramref name="message"/>; constant time.</summary>
    public bool VerifyMac(string purpose, ReadOnlySpan<byte> message, ReadOnlySpan<byte> mac)
    {
        var expected = Mac(purpose, message);
        // Security: fixed-time comparison, and a truncated tag never matches.
        return mac.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    /// <summary>A record stored at initialisation that only this root key unwraps.</summary>
    public byte[] CreateCheckRecord() => Wrap(Encoding.ASCII.GetBytes(CheckLabel), CheckLabel);

    /// <summary>True when <paramref name="record"/> was made by <see cref="CreateCheckRecord"/> under this key.</summary>
    public bool VerifyCheckRecord(ReadOnlySpan<byte> record)
    {
        var plaintext = TryUnwrap(record, CheckLabel);
        return plaintext is not null && plaintext.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(CheckLabel));
    }

    private byte[] Key
    {
        get
        {
            // Security: a disposed key is all zeroes; wrapping under it must fail, not succeed silently.
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>Zeroes the key; every later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_key);
    }

    /// <inheritdoc />
    public override string ToString() => "RootKey(AES-256, redacted)";
}
