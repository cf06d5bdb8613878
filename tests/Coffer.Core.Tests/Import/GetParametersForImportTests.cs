using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Storage;
using Coffer.Crypto.Asymmetric;
using static Coffer.Core.Tests.Import.ImportFlow;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Import;

public sealed class GetParametersForImportTests
{
    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_2048")]
    [InlineData("RSAES_OAEP_SHA_1", "RSA_2048")]
    [InlineData("RSAES_PKCS1_V1_5", "RSA_2048")]
    [InlineData("SM2PKE", "EC_SM2")]
    public async Task GetParametersForImport_EveryPair_ReturnsAFreshPublicKeyAndA24HourToken(string algorithm, string spec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var first = await kms.ParametersAsync(key, algorithm, spec);
        var second = await kms.ParametersAsync(key, algorithm, spec);

        Assert.Equal(key.Id, first.KeyId);
        Assert.Equal(WholeSecond(kms.Time.GetUtcNow()).AddHours(24), first.TokenExpireTime);
        Assert.NotEqual(first.PublicKey, second.PublicKey);
        Assert.NotEqual(first.ImportToken, second.ImportToken);
        // The public key is a real SPKI of the asked spec: it encrypts.
        var wrappingSpec = spec == "EC_SM2" ? AsymmetricKeySpec.EcSm2 : AsymmetricKeySpec.Rsa2048;
        var wrappingAlgorithm = spec == "EC_SM2" ? AsymmetricEncryptionAlgorithm.Sm2Pke : AsymmetricEncryptionAlgorithm.RsaesOaepSha256;
        Assert.NotEmpty(AsymmetricCipher.Encrypt(wrappingSpec, wrappingAlgorithm, first.PublicKey, [1, 2, 3]));
    }

    [Fact]
    public async Task GetParametersForImport_StoresThePrivateKeyOnlyWrapped()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var parameters = await kms.ParametersAsync(key);

        var id = Core.Import.ImportToken.Read(kms.Root, kms.Caller.Account, key.Id, parameters.ImportToken).Id;
        var stored = await kms.Get<IImportWrappingKeyStore>().FindAsync(kms.Caller.Account, key.Id, id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(parameters.TokenExpireTime, stored.ExpireTime);
        var pkcs8 = kms.Root.TryUnwrap(stored.WrappedPrivateKey, Core.Import.ImportWrappingKey.Label(kms.Caller.Account, key.Id, id, stored.Parameters));
        Assert.NotNull(pkcs8);
        Assert.Null(kms.Root.TryUnwrap(stored.WrappedPrivateKey, Core.Import.ImportWrappingKey.Label(kms.Caller.Account, new KeyId("other"), id, stored.Parameters)));
        Assert.DoesNotContain("Wrapped", stored.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_512", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("rsaes_oaep_sha_256", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_3072", "WrappingKeySpec")]
    [InlineData("RSAES_OAEP_SHA_256", "EC_P256", "WrappingKeySpec")]
    [InlineData("SM2PKE", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_256", "EC_SM2", "WrappingAlgorithm")]
    public async Task GetParametersForImport_BadPair_ThrowsInvalidParameterNamingIt(string algorithm, string spec, string parameter)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ParametersAsync(key, algorithm, spec));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(parameter, error.Detail);
    }

    [Fact]
    public async Task GetParametersForImport_BadPairForAnUnknownKey_ThrowsInvalidParameterFirst()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<GetParametersForImport>().HandleAsync(
            kms.Caller, new GetParametersForImportRequest("no-such-key", "NOPE", "RSA_2048"), Ct));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
    }

    [Fact]
    public async Task GetParametersForImport_KeyMadeByCoffer_ThrowsUnsupportedOrigin()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.ParametersAsync(key));

        Assert.Equal(KmsErrorCode.UnsupportedOrigin, error.Code);
    }

    [Fact]
    public async Task GetParametersForImport_UnknownKeyOrAlias_Throws404OrUnsupportedAlias()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.AddAliasAsync(key, "alias/byok");

        var unknown = await Assert.ThrowsAsync<KmsException>(() => kms.Get<GetParametersForImport>().HandleAsync(
            kms.Caller, new GetParametersForImportRequest("no-such-key", Oaep256, "RSA_2048"), Ct));
        var alias = await Assert.ThrowsAsync<KmsException>(() => kms.Get<GetParametersForImport>().HandleAsync(
            kms.Caller, new GetParametersForImportRequest("alias/byok", Oaep256, "RSA_2048"), Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.UnsupportedAlias, alias.Code);
    }

    [Fact]
    public async Task GetParametersForImport_EveryKeyState_IsAllowed()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ParametersAsync(key);
        await kms.ImportAsync(key, NewMaterial());
        await kms.ParametersAsync(key);
        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        await kms.ParametersAsync(key);
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);

        var parameters = await kms.ParametersAsync(key);

        Assert.Equal(key.Id, parameters.KeyId);
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
