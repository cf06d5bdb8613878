using Coffer.Crypto.Secrets;

namespace Coffer.Core.Keys;

/// <summary>
/// Unwrapped material shared by the cache and the calls using it. Reference counted: the bytes are zeroed when
/// the cache has evicted it and the last call has released it, so no call ever sees zeroed material.
/// </summary>
public sealed class MaterialLease
{
    private readonly byte[] _material;
    private int _references = 1;

    internal MaterialLease(byte[] material) => _material = material;

    /// <summary>The material; valid only between a successful <see cref="TryAcquire"/> and its <see cref="Release"/>.</summary>
    public ReadOnlySpan<byte> Material => _material;

    internal bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back one reference; the last one zeroes the material.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            SecretBytes.Wipe(_material);
        }
    }

    /// <inheritdoc />
    public override string ToString() => "MaterialLease(redacted)";
}
