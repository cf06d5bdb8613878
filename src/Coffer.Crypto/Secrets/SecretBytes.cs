using System.Diagnostics;
using System.Security.Cryptography;

namespace Coffer.Crypto.Secrets;

/// <summary>
/// Owns a buffer of secret bytes (key material, a data key, an AccessKey secret) and zeroes it on dispose.
/// Its <see cref="ToString"/> never shows the bytes.
/// </summary>
[DebuggerDisplay("SecretBytes({Length} bytes)")]
public sealed class SecretBytes : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="bytes"/>; the caller must not keep using the array.</summary>
    public SecretBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _bytes = bytes;
    }

    /// <summary>Number of secret bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>The secret bytes. Throws once disposed.</summary>
    /// <exception cref="ObjectDisposedException">The buffer has been zeroed.</exception>
    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>Zeroes <paramref name="buffer"/> in a way the JIT cannot elide.</summary>
    public static void Wipe(Span<byte> buffer) => CryptographicOperations.ZeroMemory(buffer);

    /// <summary>Zeroes the buffer.</summary>
    public void Dispose()
    {
        // Security: best effort; the GC may have copied the array before, but we never leave it readable here.
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => $"SecretBytes({_bytes.Length} bytes, redacted)";
}
