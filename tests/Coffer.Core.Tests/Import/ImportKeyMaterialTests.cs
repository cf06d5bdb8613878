using Coffer.Core.Background;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Crypto.Aead;
using Coffer.Crypto.Envelope;
using static Coffer.Core.Tests.Import.ImportFlow;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Import;

public sealed class ImportKeyMaterialTests
{
    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_2048")]
    [InlineData("RSAES_OAEP_SHA_1", "RSA_2048")]
    [InlineData("RSAES_PKCS1_V1_5", "RSA_2048")]
    [InlineData("SM2PKE", "EC_SM2")]
    public async Task ImportKeyMaterial_EveryWrapping_EnablesTheKeyWithThatMaterial(string algorithm, string spec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key, algorithm, spec);
        var material = NewMaterial();

        var imported = await kms.ImportAsync(key, parameters, material, algorithm: algorithm);

        Assert.Equal(KeyState.Enabled, imported.State);
        Assert.Equal(imported, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
        Assert.Equal(material, await kms.PrimaryMaterialAsync(key));
        var blob = await kms.EncryptAsync(key, "under imported material");
        // The blob opens under the material the caller holds: Coffer uses exactly what was imported.
        var opened = CiphertextBlob.TryOpen(AeadAlgorithm.AesGcm, material, blob, []);
        Assert.Equal("under imported material"u8.ToArray(), opened);
        Assert.Equal("under imported material", await kms.DecryptAsync(blob));
    }

    [Theory]
    [InlineData("Aliyun_AES_128", 16)]
    [InlineData("Aliyun_AES_192", 24)]
    [InlineData("Aliyun_SM4", 16)]
    public async Task ImportKeyMaterial_MaterialOfTheSpecsLength_IsAccepted(string spec, int length)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync(spec);
        var material = NewMaterial(length);

        await kms.ImportAsync(key, material);

        var blob = await kms.EncryptAsync(key, "sized");
        Assert.Equal("sized", await kms.DecryptAsync(blob));
        Assert.Equal(material, await kms.PrimaryMaterialAsync(key));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(16)]
    [InlineData(1)]
    public async Task ImportKeyMaterial_WrongLength_ThrowsInvalidKeyMaterialAndLeavesTheKeyPending(int length)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, NewMaterial(length)));

        Assert.Equal(KmsErrorCode.InvalidKeyMaterial, error.Code);
        Assert.Equal(key, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
        Assert.Null(await kms.Keys.FindMaterialFingerprintAsync(key.Id, Ct));
    }

    [Fact]
    public async Task ImportKeyMaterial_CiphertextThatDoesNotDecrypt_ThrowsInvalidKeyMaterial()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key, "RSAES_PKCS1_V1_5");
        var wrapped = Wrap(parameters, NewMaterial(), "RSAES_PKCS1_V1_5");
        wrapped[^1] ^= 1;

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(wrapped, parameters.ImportToken, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.InvalidKeyMaterial, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_WrappedWithAnotherAlgorithmThanTheToken_ThrowsInvalidKeyMaterial()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key, "RSAES_OAEP_SHA_256");

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, NewMaterial(), "RSAES_OAEP_SHA_1"), parameters.ImportToken, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.InvalidKeyMaterial, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_SameMaterialAgain_IsAcceptedAndMayChangeTheExpiry()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        await kms.ImportAsync(key, material);
        var expiry = Start.AddDays(30).ToUnixTimeSeconds();

        var again = await kms.ImportAsync(key, material, expiry);

        Assert.Equal(KeyState.Enabled, again.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expiry), again.MaterialExpireTime);
        Assert.Equal(again, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
    }

    [Fact]
    public async Task ImportKeyMaterial_DifferentMaterialWhileImported_ThrowsInvalidKeyMaterial()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        await kms.ImportAsync(key, material);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, NewMaterial()));

        Assert.Equal(KmsErrorCode.InvalidKeyMaterial, error.Code);
        Assert.Equal(material, await kms.PrimaryMaterialAsync(key));
    }

    [Fact]
    public async Task ImportKeyMaterial_AfterDeleteKeyMaterial_OnlyTheSameMaterialComesBackAndOldCiphertextsDecrypt()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        await kms.ImportAsync(key, material);
        var blob = await kms.EncryptAsync(key, "before deletion");
        await kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        var different = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, NewMaterial()));
        var restored = await kms.ImportAsync(key, material);

        Assert.Equal(KmsErrorCode.InvalidKeyMaterial, different.Code);
        Assert.Equal(KeyState.Enabled, restored.State);
        Assert.Equal("before deletion", await kms.DecryptAsync(blob));
    }

    [Fact]
    public async Task ImportKeyMaterial_Fingerprint_IsAKeyedMacNotTheMaterialNorAPlainHash()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var other = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();

        await kms.ImportAsync(key, material);
        await kms.ImportAsync(other, material);

        var fingerprint = await kms.Keys.FindMaterialFingerprintAsync(key.Id, Ct);
        Assert.NotNull(fingerprint);
        Assert.Equal(32, fingerprint.Length);
        Assert.NotEqual(material, fingerprint);
        Assert.True(Core.Import.KeyImport.MatchesFingerprint(kms.Root, kms.Caller.Account, key.Id, material, fingerprint));
        Assert.False(Core.Import.KeyImport.MatchesFingerprint(kms.Root, kms.Caller.Account, key.Id, NewMaterial(), fingerprint));
        // Bound to the key: the same material in two keys gives unrelated fingerprints.
        Assert.NotEqual(fingerprint, await kms.Keys.FindMaterialFingerprintAsync(other.Id, Ct));
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenOfAnotherKey_ThrowsInvalidImportToken()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var other = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(other);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, NewMaterial()), parameters.ImportToken, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.InvalidImportToken, error.Code);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("flip")]
    [InlineData("truncate")]
    public async Task ImportKeyMaterial_ForgedToken_ThrowsInvalidImportToken(string forgery)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);
        var bytes = Convert.FromBase64String(parameters.ImportToken);
        var token = forgery switch
        {
            "flip" => Convert.ToBase64String(bytes.Select((b, i) => i == 20 ? (byte)(b ^ 1) : b).ToArray()),
            "truncate" => Convert.ToBase64String(bytes[..^1]),
            _ => forgery,
        };

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, NewMaterial()), token, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.InvalidImportToken, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenOfAnotherRootKey_ThrowsInvalidImportToken()
    {
        await using var kms = await CreateAsync();
        await using var elsewhere = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var foreignKey = await elsewhere.CreateExternalKeyAsync();
        var foreign = await elsewhere.ParametersAsync(foreignKey);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(foreign, NewMaterial()), foreign.ImportToken, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.InvalidImportToken, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenJustBefore24Hours_IsAccepted()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);
        kms.Time.Advance(parameters.TokenExpireTime - kms.Time.GetUtcNow() - TimeSpan.FromSeconds(1));

        var imported = await kms.ImportAsync(key, parameters, NewMaterial());

        Assert.Equal(KeyState.Enabled, imported.State);
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenAfter24Hours_ThrowsExpiredImportToken()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);
        kms.Time.Advance(TimeSpan.FromHours(24));

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, parameters, NewMaterial()));

        Assert.Equal(KmsErrorCode.ExpiredImportToken, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_ExpiredTokenWhoseWrappingKeyWasPurged_StillThrowsExpiredImportToken()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);
        kms.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, (await kms.Get<KeyScheduler>().RunOnceAsync(Ct)).ExpiredImportTokens);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, parameters, NewMaterial()));

        Assert.Equal(KmsErrorCode.ExpiredImportToken, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_ExpiryInThePastOrNow_ThrowsInvalidParameter()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);

        foreach (var expiry in new[] { kms.Time.GetUtcNow().ToUnixTimeSeconds(), 1L, long.MaxValue })
        {
            var error = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, parameters, NewMaterial(), expiry));
            Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
            Assert.Equal("KeyMaterialExpireUnix", error.Detail);
        }
    }

    [Fact]
    public async Task ImportKeyMaterial_ExpiryZero_NeverExpires()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var imported = await kms.ImportAsync(key, NewMaterial(), expireUnix: 0);

        Assert.Null(imported.MaterialExpireTime);
    }

    [Fact]
    public async Task ImportKeyMaterial_KeyMadeByCoffer_ThrowsUnsupportedOrigin()
    {
        await using var kms = await CreateAsync();
        var external = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(external);
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, NewMaterial()), parameters.ImportToken, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOrigin, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_PendingDeletion_ThrowsStateModifiedFailed()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ImportAsync(key, parameters, NewMaterial()));

        Assert.Equal(KmsErrorCode.StateModifiedFailed, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_DisabledKey_KeepsItDisabled()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        await kms.ImportAsync(key, material);
        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        var again = await kms.ImportAsync(key, material);

        Assert.Equal(KeyState.Disabled, again.State);
    }

    [Fact]
    public async Task ImportKeyMaterial_Alias_ThrowsUnsupportedAlias()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.AddAliasAsync(key, "alias/byok");
        var parameters = await kms.ParametersAsync(key);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, NewMaterial()), parameters.ImportToken, "alias/byok", null), Ct));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_KeyOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var stranger = await kms.AddAccountAsync();
        var key = await kms.CreateExternalKeyAsync(caller: stranger);
        var parameters = await kms.ParametersAsync(key, caller: stranger);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ImportKeyMaterial>().HandleAsync(
            kms.Caller, new ImportKeyMaterialRequest(Wrap(parameters, NewMaterial()), parameters.ImportToken, key.Id.Value, null), Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task ImportKeyMaterial_TokenUsedTwice_IsAcceptedWithinItsLifetime()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var parameters = await kms.ParametersAsync(key);
        var material = NewMaterial();
        await kms.ImportAsync(key, parameters, material);

        var again = await kms.ImportAsync(key, parameters, material);

        Assert.Equal(KeyState.Enabled, again.State);
    }
}
