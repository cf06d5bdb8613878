using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Crypto;
using Coffer.Crypto.Aead;
using Coffer.Crypto.Asymmetric;
using Coffer.Crypto.Envelope;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Tests.Keys;

public sealed class KeyMaterialCacheTests : IDisposable
{
    private static readonly AccountId Account = new("1000000000000001");
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly byte[] Digest = CryptoRandom.Bytes(AsymmetricSigner.DigestLength);
    private readonly RootKey _root = RootKey.Generate();

    [Fact]
    public void Acquire_WrappedVersion_ReturnsMaterialThatOpensWhatItSealed()
    {
        var (key, version, material) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var blob = CiphertextBlob.Seal(AeadAlgorithm.AesGcm, material, version.Id.Value, "hello"u8, []);

        var lease = cache.Acquire(key, version);
        var opened = CiphertextBlob.TryOpen(AeadAlgorithm.AesGcm, lease.Material, blob, []);
        var sealedByLease = CiphertextBlob.Seal(AeadAlgorithm.AesGcm, lease.Material, version.Id.Value, "again"u8, []);
        lease.Release();

        Assert.Equal("hello"u8.ToArray(), opened);
        Assert.Equal("again"u8.ToArray(), CiphertextBlob.TryOpen(AeadAlgorithm.AesGcm, material, sealedByLease, []));
    }

    [Fact]
    public void Acquire_Sm4Version_ReturnsItsSixteenBytes()
    {
        var (key, version, material) = NewVersion(KeySpec.AliyunSm4);
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var lease = cache.Acquire(key, version);
        var held = lease.Material.ToArray();
        lease.Release();

        Assert.Equal(material, held);
        Assert.Equal(16, held.Length);
    }

    [Fact]
    public void Acquire_SameVersionTwice_SharesOneCachedEntry()
    {
        var (key, version, _) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var first = cache.Acquire(key, version);
        var second = cache.Acquire(key, version);
        first.Release();
        second.Release();

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Acquire_AfterEveryCallerReleased_CachedMaterialStaysIntact()
    {
        var (key, version, material) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        cache.Acquire(key, version).Release();

        var lease = cache.Acquire(key, version);
        var held = lease.Material.ToArray();
        lease.Release();

        Assert.Equal(material, held);
    }

    [Fact]
    public void EvictAll_WhileALeaseIsHeld_MaterialIntactUntilReleaseThenZeroed()
    {
        var (key, version, material) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var lease = cache.Acquire(key, version);

        cache.EvictAll();

        Assert.Equal(0, cache.Count);
        Assert.Equal(material, lease.Material.ToArray());
        lease.Release();
        Assert.True(lease.Material.IndexOfAnyExcept((byte)0) < 0, "released material must be zeroed");
    }

    [Fact]
    public void EvictAll_NoHolder_ZeroesTheMaterial()
    {
        var (key, version, _) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var lease = cache.Acquire(key, version);
        lease.Release();

        cache.EvictAll();

        Assert.Equal(0, cache.Count);
        Assert.True(lease.Material.IndexOfAnyExcept((byte)0) < 0, "evicted material must be zeroed");
    }

    [Fact]
    public void Acquire_AfterEviction_UnwrapsAFreshCopy()
    {
        var (key, version, material) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var old = cache.Acquire(key, version);
        old.Release();
        cache.EvictAll();

        var lease = cache.Acquire(key, version);
        var held = lease.Material.ToArray();
        lease.Release();

        Assert.NotSame(old, lease);
        Assert.Equal(material, held);
    }

    [Fact]
    public void Acquire_VersionWrappedUnderAnotherRootKey_ThrowsServiceUnavailableTemporary()
    {
        using var otherRoot = RootKey.Generate();
        var (key, version, material) = NewVersion();
        version = version with { WrappedMaterial = KeyMaterial.Wrap(otherRoot, material, key.Account, key.Id, version.Id, key.Spec) };
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var error = Assert.Throws<KmsException>(() => cache.Acquire(key, version));

        Assert.Equal(KmsErrorCode.ServiceUnavailableTemporary, error.Code);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Acquire_VersionRowMovedToAnotherKey_ThrowsServiceUnavailableTemporary()
    {
        var (_, version, _) = NewVersion();
        var (otherKey, _, _) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var error = Assert.Throws<KmsException>(() => cache.Acquire(otherKey, version with { KeyId = otherKey.Id }));

        Assert.Equal(KmsErrorCode.ServiceUnavailableTemporary, error.Code);
    }

    [Fact]
    public void Acquire_VersionRelabelledWithAnotherSpec_ThrowsServiceUnavailableTemporary()
    {
        var (key, version, _) = NewVersion(KeySpec.AliyunAes128);
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var error = Assert.Throws<KmsException>(() => cache.Acquire(key with { Spec = KeySpec.AliyunSm4 }, version));

        Assert.Equal(KmsErrorCode.ServiceUnavailableTemporary, error.Code);
    }

    [Fact]
    public void Acquire_GarbageWrappedMaterial_ThrowsServiceUnavailableTemporary()
    {
        var (key, version, _) = NewVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var error = Assert.Throws<KmsException>(() => cache.Acquire(key, version with { WrappedMaterial = [1, 2, 3] }));

        Assert.Equal(KmsErrorCode.ServiceUnavailableTemporary, error.Code);
    }

    [Fact]
    public void Acquire_MoreVersionsThanCapacity_NeverHoldsMoreThanCapacity()
    {
        var cache = new KeyMaterialCache(_root, new KmsOptions { MaterialCacheCapacity = 2 }, TimeProvider.System);
        var counts = new List<int>();

        for (var i = 0; i < 7; i++)
        {
            var (key, version, _) = NewVersion();
            cache.Acquire(key, version).Release();
            counts.Add(cache.Count);
        }

        Assert.All(counts, count => Assert.InRange(count, 1, 2));
    }

    [Fact]
    public void Acquire_EvictionByCapacity_LeavesHeldLeasesIntact()
    {
        var cache = new KeyMaterialCache(_root, new KmsOptions { MaterialCacheCapacity = 1 }, TimeProvider.System);
        var (key1, version1, material1) = NewVersion();
        var (key2, version2, material2) = NewVersion();
        var held = cache.Acquire(key1, version1);

        var other = cache.Acquire(key2, version2);

        Assert.Equal(material1, held.Material.ToArray());
        Assert.Equal(material2, other.Material.ToArray());
        held.Release();
        other.Release();
        Assert.True(held.Material.IndexOfAnyExcept((byte)0) < 0, "evicted and released material must be zeroed");
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void PrivateKey_SameVersionAcquiredTwice_ImportsTheKeyOnceAndItSigns()
    {
        var (key, version, publicKey) = NewKeyPairVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);

        var first = cache.Acquire(key, version);
        var firstKey = first.PrivateKey(AsymmetricKeySpec.EcP256);
        first.Release();
        var second = cache.Acquire(key, version);
        var secondKey = second.PrivateKey(AsymmetricKeySpec.EcP256);
        var signature = secondKey.Sign(SignatureAlgorithm.EcdsaSha256, Digest);
        second.Release();

        Assert.Same(firstKey, secondKey);
        Assert.True(AsymmetricSigner.Verify(AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256, publicKey, Digest, signature));
    }

    [Fact]
    public void PrivateKey_AfterEvict_OldKeyIsDisposedAndTheNextAcquireImportsAFreshOne()
    {
        var (key, version, publicKey) = NewKeyPairVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var lease = cache.Acquire(key, version);
        var old = lease.PrivateKey(AsymmetricKeySpec.EcP256);
        lease.Release();

        // The path DeleteKeyMaterial and ImportKeyMaterial take.
        cache.Evict(version.Id);

        Assert.Throws<ObjectDisposedException>(() => old.Sign(SignatureAlgorithm.EcdsaSha256, Digest));
        var fresh = cache.Acquire(key, version);
        var freshKey = fresh.PrivateKey(AsymmetricKeySpec.EcP256);
        var signature = freshKey.Sign(SignatureAlgorithm.EcdsaSha256, Digest);
        fresh.Release();
        Assert.NotSame(old, freshKey);
        Assert.True(AsymmetricSigner.Verify(AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256, publicKey, Digest, signature));
    }

    [Fact]
    public void PrivateKey_EvictedWhileHeld_SignsUntilReleasedThenIsDisposed()
    {
        var (key, version, publicKey) = NewKeyPairVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var lease = cache.Acquire(key, version);
        var held = lease.PrivateKey(AsymmetricKeySpec.EcP256);

        cache.EvictAll();
        var signature = held.Sign(SignatureAlgorithm.EcdsaSha256, Digest);
        lease.Release();

        Assert.True(AsymmetricSigner.Verify(AsymmetricKeySpec.EcP256, SignatureAlgorithm.EcdsaSha256, publicKey, Digest, signature));
        Assert.Throws<ObjectDisposedException>(() => held.Sign(SignatureAlgorithm.EcdsaSha256, Digest));
    }

    [Fact]
    public void PrivateKey_EvictedByCapacity_IsDisposedAndNeverHandedOutAgain()
    {
        var cache = new KeyMaterialCache(_root, new KmsOptions { MaterialCacheCapacity = 1 }, TimeProvider.System);
        var (key1, version1, _) = NewKeyPairVersion();
        var (key2, version2, _) = NewKeyPairVersion();
        var lease1 = cache.Acquire(key1, version1);
        var first = lease1.PrivateKey(AsymmetricKeySpec.EcP256);
        lease1.Release();

        cache.Acquire(key2, version2).Release();

        Assert.Throws<ObjectDisposedException>(() => first.Sign(SignatureAlgorithm.EcdsaSha256, Digest));
        var again = cache.Acquire(key1, version1);
        Assert.NotSame(first, again.PrivateKey(AsymmetricKeySpec.EcP256));
        again.Release();
    }

    [Fact]
    public void PrivateKey_AskedForAnotherSpecThanItWasImportedFor_ThrowsServiceUnavailableTemporary()
    {
        var (key, version, _) = NewKeyPairVersion();
        var cache = new KeyMaterialCache(_root, new KmsOptions(), TimeProvider.System);
        var lease = cache.Acquire(key, version);
        lease.PrivateKey(AsymmetricKeySpec.EcP256);

        var error = Assert.Throws<KmsException>(() => lease.PrivateKey(AsymmetricKeySpec.EcP256K));

        lease.Release();
        Assert.Equal(KmsErrorCode.ServiceUnavailableTemporary, error.Code);
    }

    public void Dispose() => _root.Dispose();

    private (Key Key, KeyVersion Version, byte[] Material) NewVersion(KeySpec spec = KeySpec.AliyunAes256)
    {
        var material = CryptoRandom.Bytes(KeySpecs.MaterialLength(spec));
        var keyId = KeyId.New();
        var versionId = KeyVersionId.New();
        var key = new Key(
            Account, keyId, spec, "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", KeyState.Enabled, "", Now, versionId, Now,
            DeleteDate: null, DeletionProtection: false, Revision: 1);
        var version = new KeyVersion(keyId, versionId, Now, KeyMaterial.Wrap(_root, material, Account, keyId, versionId, spec));
        return (key, version, material);
    }

    private (Key Key, KeyVersion Version, byte[] PublicKey) NewKeyPairVersion()
    {
        using var pair = AsymmetricKeys.Generate(AsymmetricKeySpec.EcP256);
        var keyId = KeyId.New();
        var versionId = KeyVersionId.New();
        var key = new Key(
            Account, keyId, KeySpec.EcP256, KeyUsages.SignVerify, "Aliyun_KMS", "SOFTWARE", KeyState.Enabled, "", Now, versionId, Now,
            DeleteDate: null, DeletionProtection: false, Revision: 1);
        var wrapped = KeyMaterial.Wrap(_root, pair.PrivateKeyPkcs8.Span, Account, keyId, versionId, KeySpec.EcP256);
        return (key, new KeyVersion(keyId, versionId, Now, wrapped, pair.SubjectPublicKeyInfo), pair.SubjectPublicKeyInfo);
    }
}
