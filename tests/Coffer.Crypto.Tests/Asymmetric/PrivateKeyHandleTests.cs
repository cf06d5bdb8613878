using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Crypto.Asymmetric;

namespace Coffer.Crypto.Tests.Asymmetric;

/// <summary>A private key imported once: same signatures and plaintexts as the one-shot calls, from many threads, never after Dispose.</summary>
public sealed class PrivateKeyHandleTests
{
    private const int Threads = 12;
    private const int CallsPerThread = 4;

    // RSA generation is slow; the key pairs are only read, so each spec's pair is made once for the class.
    private static readonly ConcurrentDictionary<AsymmetricKeySpec, Lazy<AsymmetricKeyPair>> Pairs = new();

    public static TheoryData<AsymmetricKeySpec, SignatureAlgorithm> SignaturePairs => AsymmetricRoundTripTests.SignaturePairs;

    public static TheoryData<AsymmetricKeySpec, AsymmetricEncryptionAlgorithm> EncryptionPairs => AsymmetricRoundTripTests.EncryptionPairs;

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void Sign_EverySpec_VerifiesWithThePublicKeyAndOnlyForThatDigest(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);

        var first = key.Sign(algorithm, digest);
        var second = key.Sign(algorithm, digest);

        Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, first));
        Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, second));
        var other = (byte[])digest.Clone();
        other[0] ^= 1;
        Assert.False(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, other, first));
        if (algorithm is SignatureAlgorithm.EcdsaSha256 or SignatureAlgorithm.Sm2Dsa)
        {
            Assert.True(AsymmetricSigner.IsCanonicalDerSignature(first));
        }
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.Rsa3072)]
    public void Sign_RsaPkcs1_SameBytesAsTheOneShotSignAndAsDotNet(AsymmetricKeySpec spec)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pair.PrivateKeyPkcs8.Span, out _);

        var signature = key.Sign(SignatureAlgorithm.RsaPkcs1Sha256, digest);

        // PKCS#1 v1.5 is deterministic, so "the same behaviour" can be checked byte for byte.
        Assert.Equal(AsymmetricSigner.Sign(spec, SignatureAlgorithm.RsaPkcs1Sha256, pair.PrivateKeyPkcs8.Span, digest), signature);
        Assert.Equal(rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), signature);
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.Rsa3072)]
    public void Sign_RsaPss_SaltIsTheHashLength(AsymmetricKeySpec spec)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);

        var signature = key.Sign(SignatureAlgorithm.RsaPssSha256, digest);

        // RSAES-PSS encoding: EM = maskedDB ‖ H ‖ 0xbc, DB = PS ‖ 0x01 ‖ salt; recover DB and count the salt.
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pair.PrivateKeyPkcs8.Span, out _);
        var em = RawRsaPublic(rsa.ExportParameters(false), signature);
        Assert.Equal(0xbc, em[^1]);
        var h = em.AsSpan(em.Length - 1 - 32, 32).ToArray();
        var db = em.AsSpan(0, em.Length - 1 - 32).ToArray();
        var mask = Mgf1Sha256(h, db.Length);
        for (var i = 0; i < db.Length; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= 0x7f;
        var separator = Array.IndexOf(db, (byte)0x01);
        Assert.True(db.AsSpan(0, separator).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(32, db.Length - separator - 1);
    }

    [Theory]
    [MemberData(nameof(EncryptionPairs))]
    public void TryDecrypt_EverySpec_OpensWhatThePublicKeySealedAndRefusesTampering(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var ciphertext = AsymmetricCipher.Encrypt(spec, algorithm, pair.SubjectPublicKeyInfo, "coffer"u8);

        Assert.True(key.TryDecrypt(algorithm, ciphertext, out var plaintext));
        Assert.True(key.TryDecrypt(algorithm, ciphertext, out var again));

        Assert.Equal("coffer"u8.ToArray(), plaintext);
        Assert.Equal("coffer"u8.ToArray(), again);
        var tampered = (byte[])ciphertext.Clone();
        tampered[^1] ^= 1;
        Assert.False(key.TryDecrypt(algorithm, tampered, out _));
        Assert.False(key.TryDecrypt(algorithm, [1, 2, 3], out _));
        Assert.True(key.TryDecrypt(algorithm, ciphertext, out _));
    }

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void Sign_ManyThreadsAtOnce_EverySignatureVerifies(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var results = new ConcurrentBag<(byte[] Digest, byte[] Signature)>();
        using var start = new Barrier(Threads);

        // Instances are imported on demand when the pool is empty, and with fewer than six cores (pool = 2 per core) there
        // are more threads than the pool holds, so surplus instances are disposed on return.
        RunThreads(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < CallsPerThread; i++)
            {
                var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);
                results.Add((digest, key.Sign(algorithm, digest)));
            }
        });

        Assert.Equal(Threads * CallsPerThread, results.Count);
        Assert.All(results, r => Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, r.Digest, r.Signature)));
    }

    [Theory]
    [MemberData(nameof(EncryptionPairs))]
    public void TryDecrypt_ManyThreadsAtOnce_EveryPlaintextIsRight(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var ciphertexts = Enumerable.Range(0, Threads)
            .Select(t => AsymmetricCipher.Encrypt(spec, algorithm, pair.SubjectPublicKeyInfo, BitConverter.GetBytes(t)))
            .ToArray();
        var next = -1;
        var wrong = 0;
        using var start = new Barrier(Threads);

        RunThreads(() =>
        {
            var t = Interlocked.Increment(ref next);
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < CallsPerThread; i++)
            {
                if (!key.TryDecrypt(algorithm, ciphertexts[t], out var plaintext) || !plaintext.AsSpan().SequenceEqual(BitConverter.GetBytes(t)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void Sign_AfterDispose_ThrowsObjectDisposedException(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        var pair = Pair(spec);
        var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        key.Sign(algorithm, new byte[32]);

        key.Dispose();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Sign(algorithm, new byte[32]));
    }

    [Theory]
    [MemberData(nameof(EncryptionPairs))]
    public void TryDecrypt_AfterDispose_ThrowsObjectDisposedException(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
    {
        var pair = Pair(spec);
        var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var ciphertext = AsymmetricCipher.Encrypt(spec, algorithm, pair.SubjectPublicKeyInfo, "coffer"u8);

        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.TryDecrypt(algorithm, ciphertext, out _));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048, SignatureAlgorithm.RsaPkcs1Sha256)]
    [InlineData(AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256)]
    [InlineData(AsymmetricKeySpec.EcSm2, SignatureAlgorithm.Sm2Dsa)]
    public void Dispose_WhileThreadsSign_EachCallEitherSignsValidlyOrThrowsObjectDisposed(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        var pair = Pair(spec);
        var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);
        var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);
        var signatures = new ConcurrentBag<byte[]>();
        var refused = 0;
        var signed = 0;
        using var start = new Barrier(Threads + 1);

        var started = StartThreads(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            while (true)
            {
                try
                {
                    signatures.Add(key.Sign(algorithm, digest));
                    Interlocked.Increment(ref signed);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
            }
        });
        start.SignalAndWait(TestContext.Current.CancellationToken);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref signed) >= Threads, TimeSpan.FromSeconds(60)));
        key.Dispose();
        JoinAll(started);

        // Security: a call racing Dispose must never run on freed instances or a zeroed PKCS#8 copy (which could give
        // a faulty RSA signature); it either finishes with the intact key or is refused.
        Assert.Equal(Threads, refused);
        Assert.All(signatures, s => Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, s)));
    }

    [Theory]
    [MemberData(nameof(SignaturePairs))]
    public void Import_CallerWipesItsBuffer_KeyStillSigns(AsymmetricKeySpec spec, SignatureAlgorithm algorithm)
    {
        var pair = Pair(spec);
        var buffer = pair.PrivateKeyPkcs8.Span.ToArray();
        using var key = PrivateKeyHandle.Import(spec, buffer);
        var digest = RandomNumberGenerator.GetBytes(AsymmetricSigner.DigestLength);
        using var start = new Barrier(Threads);
        var signatures = new ConcurrentBag<byte[]>();

        CryptographicOperations.ZeroMemory(buffer);
        // Concurrent calls make the pool import more instances, from the handle's copy, not the caller's buffer.
        RunThreads(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            signatures.Add(key.Sign(algorithm, digest));
        });

        Assert.All(signatures, s => Assert.True(AsymmetricSigner.Verify(spec, algorithm, pair.SubjectPublicKeyInfo, digest, s)));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048, AsymmetricKeySpec.EcP256)]
    [InlineData(AsymmetricKeySpec.EcP256, AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.EcP256K, AsymmetricKeySpec.EcP256)]
    [InlineData(AsymmetricKeySpec.EcSm2, AsymmetricKeySpec.EcP256K)]
    [InlineData(AsymmetricKeySpec.EcP256K, AsymmetricKeySpec.EcSm2)]
    public void Import_KeyOfAnotherSpec_ThrowsCryptographicException(AsymmetricKeySpec spec, AsymmetricKeySpec actual)
    {
        var pair = Pair(actual);

        Assert.ThrowsAny<CryptographicException>(() => PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span));
    }

    [Fact]
    public void Sign_AlgorithmOrDigestThatDoesNotFit_ThrowsArgumentException()
    {
        var pair = Pair(AsymmetricKeySpec.EcP256);
        using var key = PrivateKeyHandle.Import(AsymmetricKeySpec.EcP256, pair.PrivateKeyPkcs8.Span);

        Assert.Throws<ArgumentException>(() => key.Sign(SignatureAlgorithm.RsaPssSha256, new byte[32]));
        Assert.Throws<ArgumentException>(() => key.Sign(SignatureAlgorithm.EcdsaSha256, new byte[31]));
        Assert.Throws<ArgumentException>(() => key.TryDecrypt(AsymmetricEncryptionAlgorithm.RsaesOaepSha256, new byte[256], out _));
    }

    [Theory]
    [InlineData(AsymmetricKeySpec.Rsa2048)]
    [InlineData(AsymmetricKeySpec.EcP256)]
    [InlineData(AsymmetricKeySpec.EcSm2)]
    public void ToString_ShowsTheSpecAndNoKeyMaterial(AsymmetricKeySpec spec)
    {
        var pair = Pair(spec);
        using var key = PrivateKeyHandle.Import(spec, pair.PrivateKeyPkcs8.Span);

        var text = key.ToString();

        Assert.Equal($"PrivateKeyHandle({spec}, redacted)", text);
    }

    private static AsymmetricKeyPair Pair(AsymmetricKeySpec spec) =>
        Pairs.GetOrAdd(spec, s => new Lazy<AsymmetricKeyPair>(() => AsymmetricKeys.Generate(s))).Value;

    private static void RunThreads(Action body) => JoinAll(StartThreads(body));

    /// <summary>Starts <see cref="Threads"/> threads running <paramref name="body"/>; <see cref="JoinAll"/> rethrows what they threw.</summary>
    private static (Thread[] Threads, ConcurrentQueue<Exception> Failures) StartThreads(Action body)
    {
        var failures = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        return (threads, failures);
    }

    private static void JoinAll((Thread[] Threads, ConcurrentQueue<Exception> Failures) started)
    {
        foreach (var thread in started.Threads)
        {
            thread.Join();
        }

        Assert.Empty(started.Failures);
    }

    private static byte[] RawRsaPublic(RSAParameters parameters, byte[] signature)
    {
        var n = new System.Numerics.BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new System.Numerics.BigInteger(parameters.Exponent, isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(signature, isUnsigned: true, isBigEndian: true);
        var m = System.Numerics.BigInteger.ModPow(s, e, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        var em = new byte[parameters.Modulus!.Length];
        m.CopyTo(em, em.Length - m.Length);
        return em;
    }

    private static byte[] Mgf1Sha256(byte[] seed, int length)
    {
        var output = new byte[length];
        for (uint counter = 0, offset = 0; offset < length; counter++, offset += 32)
        {
            var block = SHA256.HashData([.. seed, (byte)(counter >> 24), (byte)(counter >> 16), (byte)(counter >> 8), (byte)counter]);
            block.AsSpan(0, Math.Min(32, length - (int)offset)).CopyTo(output.AsSpan((int)offset));
        }

        return output;
    }
}
