using Coffer.Core.Background;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Crypto;
using Coffer.Crypto.Asymmetric;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

/// <summary>CreateKey and the version calls for key pairs and HMAC keys: the spec/usage matrix and what is stored.</summary>
public sealed class CreateKeyPairTests
{
    public static TheoryData<string, string> AllowedPairs => new()
    {
        { "RSA_2048", "SIGN/VERIFY" },
        { "RSA_2048", "ENCRYPT/DECRYPT" },
        { "RSA_3072", "SIGN/VERIFY" },
        { "RSA_3072", "ENCRYPT/DECRYPT" },
        { "EC_P256", "SIGN/VERIFY" },
        { "EC_P256K", "SIGN/VERIFY" },
        { "EC_SM2", "SIGN/VERIFY" },
        { "EC_SM2", "ENCRYPT/DECRYPT" },
    };

    public static TheoryData<string, string> ImpossiblePairs => new()
    {
        { "EC_P256", "ENCRYPT/DECRYPT" },
        { "EC_P256K", "ENCRYPT/DECRYPT" },
        { "RSA_2048", "GENERATE/VERIFY_MAC" },
        { "EC_SM2", "GENERATE/VERIFY_MAC" },
        { "RSA_2048", "sign/verify" },
        { "HMAC_SHA256", "SIGN/VERIFY" },
        { "HMAC_SHA256", "ENCRYPT/DECRYPT" },
        { "HMAC_SM3", "generate/verify_mac" },
        { "Aliyun_AES_256", "SIGN/VERIFY" },
        { "Aliyun_SM4", "GENERATE/VERIFY_MAC" },
    };

    public static TheoryData<string, string> Defaults => new()
    {
        { "RSA_2048", "SIGN/VERIFY" },
        { "EC_P256", "SIGN/VERIFY" },
        { "EC_P256K", "SIGN/VERIFY" },
        { "EC_SM2", "SIGN/VERIFY" },
        { "HMAC_SHA224", "GENERATE/VERIFY_MAC" },
        { "HMAC_SHA256", "GENERATE/VERIFY_MAC" },
        { "HMAC_SHA384", "GENERATE/VERIFY_MAC" },
        { "HMAC_SHA512", "GENERATE/VERIFY_MAC" },
        { "HMAC_SM3", "GENERATE/VERIFY_MAC" },
        { "Aliyun_AES_256", "ENCRYPT/DECRYPT" },
    };

    public static TheoryData<string> NonSymmetricSpecs => ["RSA_2048", "EC_P256", "EC_P256K", "EC_SM2", "HMAC_SHA256", "HMAC_SM3"];

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public async Task CreateKey_AllowedSpecAndUsage_StoresAWrappedPrivateKeyMatchingTheStoredPublicKey(string spec, string usage)
    {
        await using var kms = await CreateAsync();

        var key = await Create(kms, spec, usage);

        Assert.Equal(spec, KeySpecs.Name(key.Spec));
        Assert.Equal(usage, key.Usage);
        Assert.Equal(KeyState.Enabled, key.State);
        Assert.Equal(AutomaticRotation.Disabled, key.AutomaticRotation);
        var version = await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);
        Assert.NotNull(version?.PublicKey);
        var pair = KeySpecs.KeyPair(key.Spec);
        var privateKey = await kms.PrimaryMaterialAsync(key);
        if (usage == "SIGN/VERIFY")
        {
            var algorithm = Enum.GetValues<SignatureAlgorithm>().First(a => AsymmetricSigner.Supports(pair, a));
            var digest = new byte[32];
            CryptoRandom.Fill(digest);
            var signature = AsymmetricSigner.Sign(pair, algorithm, privateKey, digest);
            Assert.True(AsymmetricSigner.Verify(pair, algorithm, version.PublicKey, digest, signature));
        }
        else
        {
            var algorithm = Enum.GetValues<AsymmetricEncryptionAlgorithm>().First(a => AsymmetricCipher.Supports(pair, a));
            var ciphertext = AsymmetricCipher.Encrypt(pair, algorithm, version.PublicKey, "to the stored public key"u8);
            Assert.True(AsymmetricCipher.TryDecrypt(pair, algorithm, privateKey, ciphertext, out var plaintext));
            Assert.Equal("to the stored public key"u8.ToArray(), plaintext);
        }
    }

    [Theory]
    [InlineData("HMAC_SHA224", 28)]
    [InlineData("HMAC_SHA256", 32)]
    [InlineData("HMAC_SHA384", 48)]
    [InlineData("HMAC_SHA512", 64)]
    [InlineData("HMAC_SM3", 32)]
    public async Task CreateKey_HmacSpec_StoresWrappedMaterialAsLongAsTheHashAndNoPublicKey(string spec, int length)
    {
        await using var kms = await CreateAsync();

        var key = await Create(kms, spec, null);

        Assert.Equal("GENERATE/VERIFY_MAC", key.Usage);
        var version = await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);
        Assert.NotNull(version);
        Assert.Null(version.PublicKey);
        Assert.Equal(length, (await kms.PrimaryMaterialAsync(key)).Length);
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public async Task CreateKey_NoKeyUsage_TakesTheSpecsDefault(string spec, string usage)
    {
        await using var kms = await CreateAsync();

        var key = await Create(kms, spec, null);

        Assert.Equal(usage, key.Usage);
    }

    [Theory]
    [MemberData(nameof(ImpossiblePairs))]
    public async Task CreateKey_ImpossibleUsage_ThrowsInvalidParameterKeyUsageAndStoresNothing(string spec, string usage)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Create(kms, spec, usage));

        AssertInvalid("KeyUsage", error);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Theory]
    [MemberData(nameof(NonSymmetricSpecs))]
    public async Task CreateKey_ExternalOriginWithANonSymmetricSpec_ThrowsInvalidParameterOrigin(string spec)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, spec, null, "EXTERNAL", null), Ct));

        AssertInvalid("Origin", error);
    }

    [Theory]
    [MemberData(nameof(NonSymmetricSpecs))]
    public async Task CreateKey_AutomaticRotationForANonSymmetricSpec_ThrowsInvalidParameterEnableAutomaticRotation(string spec)
    {
        await using var kms = await CreateAsync();
        var request = new CreateKeyRequest(null, spec, null, null, null, EnableAutomaticRotation: true, RotationInterval: "30d");

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<CreateKey>().HandleAsync(kms.Caller, request, Ct));

        AssertInvalid("EnableAutomaticRotation", error);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateKey_AutomaticRotationWithoutIntervalForAKeyPair_ThrowsMissingRotationIntervalFirst()
    {
        await using var kms = await CreateAsync();
        var request = new CreateKeyRequest(null, "EC_P256", null, null, null, EnableAutomaticRotation: true);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<CreateKey>().HandleAsync(kms.Caller, request, Ct));

        Assert.Equal(KmsErrorCode.MissingParameter, error.Code);
        Assert.Equal("RotationInterval", error.Detail);
    }

    [Fact]
    public async Task CreateKey_AutomaticRotationFalseForAKeyPair_IsAccepted()
    {
        await using var kms = await CreateAsync();
        var request = new CreateKeyRequest(null, "EC_P256", null, null, null, EnableAutomaticRotation: false);

        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, request, Ct);

        Assert.Equal(AutomaticRotation.Disabled, key.AutomaticRotation);
    }

    [Theory]
    [InlineData("EC_SM2", "ENCRYPT/DECRYPT")]
    [InlineData("HMAC_SHA384", null)]
    public async Task CreateKeyVersion_KeyPairOrHmacKey_AddsAPrimaryVersionWithNewMaterialAndKeepsTheOldOne(string spec, string? usage)
    {
        await using var kms = await CreateAsync();
        var key = await Create(kms, spec, usage);
        var first = await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);

        var rotated = await kms.Get<CreateKeyVersion>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(rotated.Version.Id, rotated.Key.PrimaryVersion);
        Assert.NotEqual(await kms.PrimaryMaterialAsync(key), await kms.PrimaryMaterialAsync(rotated.Key));
        Assert.Equal(first?.PublicKey is null, rotated.Version.PublicKey is null);
        if (first?.PublicKey is { } oldPublic)
        {
            Assert.NotEqual(oldPublic, rotated.Version.PublicKey);
        }

        var (versions, total) = await kms.Keys.ListVersionsAsync(key.Id, 0, 10, Ct);
        Assert.Equal(2, total);
        Assert.Equal([key.PrimaryVersion, rotated.Version.Id], versions.Select(v => v.Id));
    }

    [Theory]
    [InlineData("RSA_2048")]
    [InlineData("HMAC_SHA256")]
    public async Task UpdateRotationPolicy_EnablingOnAKeyPairOrHmacKey_ThrowsUnsupportedOperation(string spec)
    {
        await using var kms = await CreateAsync();
        var key = await Create(kms, spec, null);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<UpdateRotationPolicy>().HandleAsync(
            kms.Caller, new UpdateRotationPolicyRequest(key.Id.Value, true, "30d"), Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOperation, error.Code);
        Assert.Equal(AutomaticRotation.Disabled, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))?.AutomaticRotation);
    }

    [Fact]
    public async Task UpdateRotationPolicy_DisablingOnAKeyPair_Succeeds()
    {
        await using var kms = await CreateAsync();
        var key = await Create(kms, "EC_P256", null);

        var updated = await kms.Get<UpdateRotationPolicy>().HandleAsync(kms.Caller, new UpdateRotationPolicyRequest(key.Id.Value, false, null), Ct);

        Assert.Equal(AutomaticRotation.Disabled, updated.AutomaticRotation);
    }

    [Fact]
    public async Task UpdateRotationPolicy_EnablingOnADisabledKeyPair_ThrowsTheStateErrorFirst()
    {
        await using var kms = await CreateAsync();
        var key = await Create(kms, "EC_P256", null);
        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<UpdateRotationPolicy>().HandleAsync(
            kms.Caller, new UpdateRotationPolicyRequest(key.Id.Value, true, "30d"), Ct));

        Assert.Equal(KmsErrorCode.KeyDisabled, error.Code);
    }

    [Fact]
    public async Task Scheduler_KeyPairMarkedForRotationInStorage_IsNeverRotated()
    {
        await using var kms = await CreateAsync();
        var key = await Create(kms, "EC_P256", null);
        // A row no API call can produce (rotation on for a key pair), written straight through the store.
        var marked = key with { AutomaticRotation = AutomaticRotation.Enabled, RotationInterval = TimeSpan.FromDays(7), NextRotationDate = key.CreationDate };
        Assert.True(await kms.Keys.TryUpdateAsync(marked, key.Revision, Ct));
        kms.Time.Advance(TimeSpan.FromDays(8));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(0, pass.Rotated);
        Assert.Equal(1, (await kms.Keys.ListVersionsAsync(key.Id, 0, 10, Ct)).TotalCount);
    }

    private static Task<Key> Create(KmsHarness kms, string spec, string? usage) =>
        kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, spec, usage, null, null), Ct);

    private static void AssertInvalid(string parameter, KmsException error)
    {
        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(parameter, error.Detail);
    }
}
