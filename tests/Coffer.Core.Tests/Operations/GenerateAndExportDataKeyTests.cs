using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class GenerateAndExportDataKeyTests
{
    public static TheoryData<string, string> Pairs => RecipientKeys.Pairs;

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task GenerateAndExportDataKey_EveryWrapping_ExportedKeyIsTheKeyTheBlobHolds(string algorithm, string keySpec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var context = Context("{\"app\":\"export\"}");

        var result = await GenerateAsync(kms, key.Id.Value, algorithm, keySpec, context: context);

        Assert.Equal(key.Id, result.KeyId);
        Assert.Equal(key.PrimaryVersion, result.KeyVersionId);
        Assert.Equal(key.PrimaryVersion.Value, Encoding.ASCII.GetString(result.CiphertextBlob, 0, 36));
        var text = (await DecryptAsync(kms, result.CiphertextBlob, context)).Plaintext;
        Assert.Equal(32, Convert.FromBase64String(text).Length);
        Assert.Equal(64 + text.Length, result.CiphertextBlob.Length);
        var unwrapped = RecipientKeys.Unwrap(algorithm, result.ExportedDataKey);
        if (unwrapped is not null)
        {
            Assert.Equal(text, Convert.ToBase64String(unwrapped));
        }
    }

    [Theory]
    [InlineData(null, null, "SM2PKE", 32)]
    [InlineData("AES_128", null, "SM2PKE", 16)]
    [InlineData("AES_256", null, "RSAES_OAEP_SHA_256", 32)]
    [InlineData(null, 1, "RSAES_OAEP_SHA_1", 1)]
    [InlineData(null, 190, "RSAES_OAEP_SHA_256", 190)]
    [InlineData(null, 214, "RSAES_OAEP_SHA_1", 214)]
    [InlineData(null, 1024, "SM2PKE", 1024)]
    [InlineData("AES_128", 48, "RSAES_OAEP_SHA_256", 48)]
    public async Task GenerateAndExportDataKey_SpecAndNumberOfBytes_GiveTheDataKeyLength(string? spec, int? numberOfBytes, string algorithm, int expected)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var keySpec = algorithm == "SM2PKE" ? "EC_SM2" : "RSA_2048";

        var result = await GenerateAsync(kms, key.Id.Value, algorithm, keySpec, spec, numberOfBytes);

        var text = (await DecryptAsync(kms, result.CiphertextBlob, EncryptionContext.None)).Plaintext;
        Assert.Equal(expected, Convert.FromBase64String(text).Length);
        Assert.Equal(text, Convert.ToBase64String(RecipientKeys.Unwrap(algorithm, result.ExportedDataKey)!));
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", 191)]
    [InlineData("RSAES_OAEP_SHA_1", 215)]
    [InlineData("RSAES_PKCS1_V1_5", 246)]
    [InlineData("RSAES_PKCS1_V1_5", 1024)]
    public async Task GenerateAndExportDataKey_LongerThanTheWrappingCarries_ThrowsInvalidParameterNumberOfBytes(string algorithm, int numberOfBytes)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, key.Id.Value, algorithm, "RSA_2048", numberOfBytes: numberOfBytes));

        Assert.Equal((KmsErrorCode.InvalidParameter, "NumberOfBytes"), (error.Code, error.Detail));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_Pkcs1AtItsLimit_Succeeds()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var result = await GenerateAsync(kms, key.Id.Value, "RSAES_PKCS1_V1_5", "RSA_2048", numberOfBytes: 245);

        Assert.Equal(245, Convert.FromBase64String((await DecryptAsync(kms, result.CiphertextBlob, EncryptionContext.None)).Plaintext).Length);
        Assert.Null(RecipientKeys.Unwrap("RSAES_PKCS1_V1_5", result.ExportedDataKey));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_TwoCalls_GiveDifferentDataKeys()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var first = await GenerateAsync(kms, key.Id.Value, "SM2PKE", "EC_SM2");
        var second = await GenerateAsync(kms, key.Id.Value, "SM2PKE", "EC_SM2");

        Assert.NotEqual(RecipientKeys.Unwrap("SM2PKE", first.ExportedDataKey), RecipientKeys.Unwrap("SM2PKE", second.ExportedDataKey));
    }

    [Theory]
    [InlineData("KeySpec")]
    [InlineData("NumberOfBytes")]
    [InlineData("PublicKeyBlob")]
    [InlineData("WrappingAlgorithm")]
    [InlineData("WrappingKeySpec")]
    public async Task GenerateAndExportDataKey_InvalidValue_ThrowsInvalidParameterNamingIt(string name)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(
            kms,
            key.Id.Value,
            name == "WrappingAlgorithm" ? "RSAES_OAEP_SHA_512" : "RSAES_OAEP_SHA_256",
            name == "WrappingKeySpec" ? "RSA_4096" : "RSA_2048",
            name == "KeySpec" ? "AES_192" : null,
            name == "NumberOfBytes" ? 0 : null,
            publicKeyBlob: name == "PublicKeyBlob" ? RecipientKeys.PublicKeyBlob(RecipientKeys.Sm2) : null));

        Assert.Equal((KmsErrorCode.InvalidParameter, name), (error.Code, error.Detail));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_BadKeySpecAndBadPublicKey_NamesKeySpecFirst()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => GenerateAsync(kms, key.Id.Value, "RSAES_OAEP_SHA_256", "RSA_2048", "AES_512", publicKeyBlob: "AAAA"));

        Assert.Equal("KeySpec", error.Detail);
    }

    [Fact]
    public async Task GenerateAndExportDataKey_UnknownKeyAndBadPublicKey_ThrowsInvalidParameterBeforeThe404()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => GenerateAsync(kms, "missing", "RSAES_OAEP_SHA_256", "RSA_2048", publicKeyBlob: "AAAA"));

        Assert.Equal((KmsErrorCode.InvalidParameter, "PublicKeyBlob"), (error.Code, error.Detail));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_UnknownKeyOrAlias_Throws404()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);

        var unknown = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, "missing", "SM2PKE", "EC_SM2"));
        var alias = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, "alias/none", "SM2PKE", "EC_SM2"));
        var foreign = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, theirs.Id.Value, "SM2PKE", "EC_SM2"));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.AliasNotFound, alias.Code);
        Assert.Equal(KmsErrorCode.KeyNotFound, foreign.Code);
    }

    [Fact]
    public async Task GenerateAndExportDataKey_AliasAndArns_UseTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await kms.AddAliasAsync(key, "alias/export");
        var account = kms.Caller.Account.Value;

        foreach (var reference in new[] { "alias/export", $"acs:kms:cn-hangzhou:{account}:alias/export", KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id) })
        {
            Assert.Equal(key.Id, (await GenerateAsync(kms, reference, "SM2PKE", "EC_SM2")).KeyId);
        }
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task GenerateAndExportDataKey_KeyNotEnabled_ThrowsTheStatesCode(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, key.Id.Value, "SM2PKE", "EC_SM2"));

        Assert.Equal(expected, error.Code);
    }

    [Theory]
    [InlineData("RSA_2048", "ENCRYPT/DECRYPT")]
    [InlineData("EC_SM2", "ENCRYPT/DECRYPT")]
    [InlineData("EC_P256", null)]
    [InlineData("HMAC_SHA256", null)]
    public async Task GenerateAndExportDataKey_KeyPairOrHmacKey_ThrowsUnsupportedOperation(string spec, string? usage)
    {
        await using var kms = await CreateAsync();
        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, spec, usage, null, null), Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, key.Id.Value, "SM2PKE", "EC_SM2"));

        Assert.Equal(KmsErrorCode.UnsupportedOperation, error.Code);
    }

    [Fact]
    public async Task GenerateAndExportDataKey_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, key.Id.Value, "SM2PKE", "EC_SM2", dryRun: true));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task GenerateAndExportDataKey_DryRunOfAFailingCall_ThrowsTheFailure()
    {
        await using var kms = await CreateAsync();
        var disabled = await kms.AddKeyAsync(KeyState.Disabled, KeySpec.AliyunAes256, new byte[32]);

        var state = await Assert.ThrowsAsync<KmsException>(() => GenerateAsync(kms, disabled.Id.Value, "SM2PKE", "EC_SM2", dryRun: true));
        var parameter = await Assert.ThrowsAsync<KmsException>(
            () => GenerateAsync(kms, disabled.Id.Value, "SM2PKE", "RSA_2048", dryRun: true));

        Assert.Equal(KmsErrorCode.KeyDisabled, state.Code);
        Assert.Equal((KmsErrorCode.InvalidParameter, "WrappingAlgorithm"), (parameter.Code, parameter.Detail));
    }

    internal static EncryptionContext Context(string json) => EncryptionContext.Parse(json, [], "EncryptionContext");

    internal static Task<DecryptResult> DecryptAsync(KmsHarness kms, byte[] blob, EncryptionContext context) =>
        kms.Get<Decrypt>().HandleAsync(kms.Caller, new DecryptRequest(Convert.ToBase64String(blob), context, false), Ct);

    private static Task<GenerateAndExportDataKeyResult> GenerateAsync(
        KmsHarness kms,
        string keyId,
        string algorithm,
        string keySpec,
        string? spec = null,
        int? numberOfBytes = null,
        EncryptionContext? context = null,
        string? publicKeyBlob = null,
        bool dryRun = false) =>
        kms.Get<GenerateAndExportDataKey>().HandleAsync(
            kms.Caller,
            new GenerateAndExportDataKeyRequest(
                keyId,
                spec,
                numberOfBytes,
                context ?? EncryptionContext.None,
                publicKeyBlob ?? RecipientKeys.PublicKeyBlob(RecipientKeys.For(keySpec)),
                algorithm,
                keySpec,
                dryRun),
            Ct);
}
