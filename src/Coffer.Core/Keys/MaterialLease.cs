using Coffer.Core.Errors;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Secrets;

namespace Coffer.Core.Keys;

/// <summary>
/// Unwrapped material shared by the cache and the calls using it, with, for a key pair, its private key imported once
/// (<see cref="PrivateKey"/>). Reference counted: the bytes are zeroed and the imported key disposed when the cache has
/// evicted the lease and the last call has released it, so no call ever sees zeroed material or a disposed key, and an
/// evicted version's imported key is never used again.
/// </summary>
public sealed class MaterialLease
{
    private readonly byte[] _material;
    private PrivateKeyHandle? _privateKey;
    private int _references = 1;

    internal MaterialLease(byte[] material) => _material = material;

    /// <summary>The material; valid only between a successful <see cref="TryAcquire"/> and its <see cref="Release"/>.</summary>
    public ReadOnlySpan<byte> Material => _material;

    /// <summary>
    /// The material imported as a private key of <paramref name="spec"/>: imported at the first call and shared by every
    /// later holder of this lease; valid only between a successful <see cref="TryAcquire"/> and its <see cref="Release"/>.
    /// </summary>
    /// <exception cref="KmsException">ServiceUnavailableTemporary when the key was imported for another spec.</exception>
    public PrivateKeyHandle PrivateKey(AsymmetricKeySpec spec)
    {
        var handle = Volatile.Read(ref _privateKey);
        if (handle is null)
        {
            var imported = PrivateKeyHandle.Import(spec, _material);
            handle = Interlocked.CompareExchange(ref _privateKey, imported, null);
            if (handle is null)
            {
                return imported;
            }

            // Another holder imported it first.
            imported.Dispose();
        }

        // Security: a version's material belongs to one spec (its wrapping label binds it), so this never fires.
        return handle.Spec == spec
            ? handle
            : throw new KmsException(KmsErrorCode.ServiceUnavailableTemporary, "key material does not fit its spec");
    }

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

    /// <summary>Gives back one reference; the last one zeroes the material and disposes the imported private key.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            SecretBytes.Wipe(_material);
            Interlocked.Exchange(ref _privateKey, null)?.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => "MaterialLease(redacted)";
}
