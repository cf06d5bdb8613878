using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;

namespace Coffer.Crypto.Asymmetric;

/// <summary>
/// A private key imported once from PKCS#8 for one spec and then used for many AsymmetricSign / AsymmetricDecrypt
/// calls, from any number of threads. Signatures and plaintexts are exactly those of <see cref="AsymmetricSigner.Sign"/>
/// and <see cref="AsymmetricCipher.TryDecrypt"/>, which are this type used once.
/// </summary>
/// <remarks>
/// Thread safety: a .NET <see cref="RSA"/> or <see cref="ECDsa"/> instance is not documented as safe for concurrent
/// use, so RSA and P-256 keys keep a small bounded pool of instances (about two per core): a call takes one out (or
/// imports a new one from the handle's own copy of the PKCS#8 when the pool is empty) and puts it back afterwards, or
/// disposes it when the pool is full. secp256k1 and SM2 keep BouncyCastle's immutable key parameters and make a new
/// signer or engine per call. Every call holds a reference on the handle, so <see cref="Dispose"/> frees the instances
/// and zeroes the PKCS#8 copy only after the last running call has finished; a call that starts after
/// <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>.
/// </remarks>
[DebuggerDisplay("PrivateKeyHandle({Spec})")]
public sealed class PrivateKeyHandle : IDisposable
{
    private static readonly int PoolSize = Math.Clamp(2 * Environment.ProcessorCount, 2, 64);

    private readonly byte[]? _pkcs8;
    private readonly AsymmetricAlgorithm?[] _pool;
    private readonly ECPrivateKeyParameters? _bouncy;
    private int _references = 1;
    private int _disposed;

    private PrivateKeyHandle(AsymmetricKeySpec spec, byte[]? pkcs8, AsymmetricAlgorithm? first, ECPrivateKeyParameters? bouncy)
    {
        Spec = spec;
        _pkcs8 = pkcs8;
        _bouncy = bouncy;
        _pool = first is null ? [] : new AsymmetricAlgorithm?[PoolSize];
        if (first is not null)
        {
            _pool[0] = first;
        }
    }

    /// <summary>The key spec the key was imported for.</summary>
    public AsymmetricKeySpec Spec { get; }

    /// <summary>Imports <paramref name="privateKeyPkcs8"/> as a key of <paramref name="spec"/>.</summary>
    /// <remarks>The handle keeps its own copy where it needs one; the caller still owns and wipes its buffer.</remarks>
    /// <exception cref="CryptographicException">The key cannot be read as a key of that spec.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Unknown spec.</exception>
    public static PrivateKeyHandle Import(AsymmetricKeySpec spec, ReadOnlySpan<byte> privateKeyPkcs8)
    {
        switch (spec)
        {
            case AsymmetricKeySpec.Rsa2048:
            case AsymmetricKeySpec.Rsa3072:
            case AsymmetricKeySpec.EcP256:
                var copy = privateKeyPkcs8.ToArray();
                try
                {
                    return new PrivateKeyHandle(spec, copy, CreateInstance(spec, copy), bouncy: null);
                }
                catch
                {
                    CryptographicOperations.ZeroMemory(copy);
                    throw;
                }

            case AsymmetricKeySpec.EcP256K:
                return new PrivateKeyHandle(spec, pkcs8: null, first: null, AsymmetricKeys.BouncyPrivate(privateKeyPkcs8, SecObjectIdentifiers.SecP256k1));

            case AsymmetricKeySpec.EcSm2:
                return new PrivateKeyHandle(spec, pkcs8: null, first: null, AsymmetricKeys.BouncyPrivate(privateKeyPkcs8, GMObjectIdentifiers.sm2p256v1));

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown key spec.");
        }
    }

    /// <summary>
    /// Signs <paramref name="digest"/> as given (never hashed again): RSA raw, ECDSA and SM2 DER SEQUENCE{r,s}.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes or the algorithm does not fit the spec.</exception>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public byte[] Sign(SignatureAlgorithm algorithm, ReadOnlySpan<byte> digest)
    {
        AsymmetricSigner.Check(Spec, algorithm, digest);
        Enter();
        try
        {
            switch (Spec)
            {
                case AsymmetricKeySpec.Rsa2048:
                case AsymmetricKeySpec.Rsa3072:
                case AsymmetricKeySpec.EcP256:
                    var instance = Rent();
                    try
                    {
                        // Security: .NET's PSS salt is the hash length (32), which is what RSA_PSS_SHA_256 promises.
                        return instance is RSA rsa
                            ? rsa.SignHash(digest, HashAlgorithmName.SHA256, AsymmetricSigner.Padding(algorithm))
                            : ((ECDsa)instance).SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
                    }
                    finally
                    {
                        Return(instance);
                    }

                case AsymmetricKeySpec.EcP256K:
                    return AsymmetricSigner.SignSecp256k1(_bouncy!, digest, BouncyRandom.Create());

                default:
                    return AsymmetricSigner.SignSm2(_bouncy!, digest, BouncyRandom.Create());
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Decrypts <paramref name="ciphertext"/>; false when it is malformed or does not decrypt under the key.</summary>
    /// <remarks>The caller owns and must wipe <paramref name="plaintext"/>.</remarks>
    /// <exception cref="ArgumentException">The algorithm does not fit the spec.</exception>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public bool TryDecrypt(AsymmetricEncryptionAlgorithm algorithm, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        AsymmetricCipher.Check(Spec, algorithm);
        Enter();
        try
        {
            if (algorithm == AsymmetricEncryptionAlgorithm.Sm2Pke)
            {
                return AsymmetricCipher.TryDecryptSm2(_bouncy!, ciphertext, out plaintext);
            }

            var rsa = (RSA)Rent();
            try
            {
                plaintext = rsa.Decrypt(ciphertext.ToArray(), AsymmetricCipher.Padding(algorithm));
                return true;
            }
            catch (CryptographicException)
            {
                plaintext = [];
                return false;
            }
            finally
            {
                Return(rsa);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Gives up the handle: calls that start afterwards throw <see cref="ObjectDisposedException"/>; the imported
    /// instances are freed and the PKCS#8 copy zeroed once calls already running have finished.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Exit();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PrivateKeyHandle({Spec}, redacted)";

    private static AsymmetricAlgorithm CreateInstance(AsymmetricKeySpec spec, ReadOnlySpan<byte> pkcs8)
    {
        AsymmetricAlgorithm instance = spec == AsymmetricKeySpec.EcP256 ? ECDsa.Create() : RSA.Create();
        try
        {
            instance.ImportPkcs8PrivateKey(pkcs8, out _);
            return instance;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    private void Enter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            // Calls already running keep the count above zero, so a new call must also look at the flag. A call that
            // passed the flag just before Dispose is one of those running calls; the compare-and-swap below never
            // revives a count that reached zero.
            ObjectDisposedException.ThrowIf(current == 0 || Volatile.Read(ref _disposed) != 0, this);
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return;
            }
        }
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        // No call holds the handle any more and none can enter, so nothing rents or returns concurrently.
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }

        if (_pkcs8 is not null)
        {
            CryptographicOperations.ZeroMemory(_pkcs8);
        }
    }

    /// <summary>An instance for this call alone; only between <see cref="Enter"/> and <see cref="Exit"/>.</summary>
    private AsymmetricAlgorithm Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.Exchange(ref _pool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        // Security: the copy is intact here, because it is zeroed only once no call holds the handle.
        return CreateInstance(Spec, _pkcs8!);
    }

    private void Return(AsymmetricAlgorithm instance)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], instance, null) is null)
            {
                return;
            }
        }

        instance.Dispose();
    }
}
