using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using static Coffer.Core.Tests.Operations.GenerateAndExportDataKeyTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class ExportDataKeyTests
{
    public static TheoryData<string, string> Pairs => RecipientKeys.Pairs;

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task ExportDataKey_EveryWrapping_ExportsTheDataKeyOfTheBlob(string algorithm, string keySpec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var context = Context("{\"app\":\"export\"}");
        var generated = await GenerateDataKeyAsync(kms, key.Id.Value, context);

        var result = await ExportAsync(kms, generated.CiphertextBlob, algorithm, keySpec, context);

        Assert.Equal(key.Id, result.KeyId);
        Assert.Equal(generated.KeyVersionId, result.KeyVersionId);
        var unwrapped = RecipientKeys.Unwrap(algorithm, result.ExportedDataKey);
        if (unwrapped is not null)
        {
            Assert.Equal(Convert.FromBase64String(generated.Plaintext), unwrapped);
        }
    }

    [Fact]
    public async Task ExportDataKey_BlobOfAnOlderVersion_ExportsAndNamesThatVersion()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var generated = await GenerateDataKeyAsync(kms, key.Id.Value, EncryptionContext.None);
        await kms.Get<CreateKeyVersion>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        var result = await ExportAsync(kms, generated.CiphertextBlob, "SM2PKE", "EC_SM2");

        Assert.Equal(key.PrimaryVersion, result.KeyVersionId);
        Assert.Equal(Convert.FromBase64String(generated.Plaintext), RecipientKeys.Unwrap("SM2PKE", result.ExportedDataKey));
    }

    [Fact]
    public async Task ExportDataKey_WrongOrMissingContext_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var generated = await GenerateDataKeyAsync(kms, key.Id.Value, Context("{\"a\":\"1\"}"));

        var wrong = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, generated.CiphertextBlob, "SM2PKE", "EC_SM2", Context("{\"a\":\"2\"}")));
        var none = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, generated.CiphertextBlob, "SM2PKE", "EC_SM2"));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (wrong.Code, wrong.Detail));
        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (none.Code, none.Detail));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("tampered")]
    public async Task ExportDataKey_MalformedOrTamperedBlob_ThrowsInvalidParameterCiphertextBlob(string blob)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        if (blob == "tampered")
        {
            var bytes = (await GenerateDataKeyAsync(kms, key.Id.Value, EncryptionContext.None)).CiphertextBlob;
            bytes[^1] ^= 1;
            blob = Convert.ToBase64String(bytes);
        }

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, blob, "SM2PKE", "EC_SM2"));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (error.Code, error.Detail));
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("aGVsbG8")]
    [InlineData("aGVsbG9=")]
    [InlineData("aGVs bG8=")]
    [InlineData("aGVsbG8=\n")]
    [InlineData("====")]
    [InlineData("aGVsbG8-")]
    public async Task ExportDataKey_BlobNotHoldingCanonicalBase64_ThrowsInvalidParameterCiphertextBlob(string plaintext)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, plaintext);

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, blob, "SM2PKE", "EC_SM2"));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (error.Code, error.Detail));
    }

    [Fact]
    public async Task ExportDataKey_EncryptedBase64Text_ExportsItsBytes()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, "aGVsbG8=");

        var result = await ExportAsync(kms, blob, "RSAES_OAEP_SHA_1", "RSA_2048");

        Assert.Equal("hello"u8.ToArray(), RecipientKeys.Unwrap("RSAES_OAEP_SHA_1", result.ExportedDataKey));
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", 190, true)]
    [InlineData("RSAES_OAEP_SHA_256", 191, false)]
    [InlineData("RSAES_OAEP_SHA_1", 214, true)]
    [InlineData("RSAES_OAEP_SHA_1", 215, false)]
    [InlineData("RSAES_PKCS1_V1_5", 245, true)]
    [InlineData("RSAES_PKCS1_V1_5", 246, false)]
    [InlineData("SM2PKE", 1024, true)]
    public async Task ExportDataKey_DataKeyLongerThanTheWrappingCarries_ThrowsInvalidParameterCiphertextBlob(string algorithm, int length, bool fits)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var generated = await kms.Get<GenerateDataKey>().HandleAsync(
            kms.Caller, new GenerateDataKeyRequest(key.Id.Value, null, length, EncryptionContext.None, false), Ct);
        var keySpec = algorithm == "SM2PKE" ? "EC_SM2" : "RSA_2048";

        if (fits)
        {
            var result = await ExportAsync(kms, generated.CiphertextBlob, algorithm, keySpec);
            var unwrapped = RecipientKeys.Unwrap(algorithm, result.ExportedDataKey);
            Assert.True(unwrapped is null || unwrapped.AsSpan().SequenceEqual(Convert.FromBase64String(generated.Plaintext)));
        }
        else
        {
            var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, generated.CiphertextBlob, algorithm, keySpec));
            Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (error.Code, error.Detail));
        }
    }

    [Theory]
    [InlineData("PublicKeyBlob")]
    [InlineData("WrappingAlgorithm")]
    [InlineData("WrappingKeySpec")]
    public async Task ExportDataKey_InvalidRecipient_ThrowsInvalidParameterNamingIt(string name)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var generated = await GenerateDataKeyAsync(kms, key.Id.Value, EncryptionContext.None);

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(
            kms,
            generated.CiphertextBlob,
            name == "WrappingAlgorithm" ? "SM2" : "RSAES_OAEP_SHA_256",
            name == "WrappingKeySpec" ? "EC_P256" : "RSA_2048",
            publicKeyBlob: name == "PublicKeyBlob" ? RecipientKeys.PublicKeyBlob(RecipientKeys.Rsa3072) : null));

        Assert.Equal((KmsErrorCode.InvalidParameter, name), (error.Code, error.Detail));
    }

    [Fact]
    public async Task ExportDataKey_MalformedBlobAndBadRecipient_NamesCiphertextBlobFirst()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, "AAAA", "Nope", "RSA_2048"));

        Assert.Equal("CiphertextBlob", error.Detail);
    }

    [Fact]
    public async Task ExportDataKey_UnknownVersionAndBadRecipient_ThrowsInvalidParameterBeforeThe404()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);
        var blob = await kms.Get<GenerateDataKey>().HandleAsync(
            other, new GenerateDataKeyRequest(theirs.Id.Value, null, null, EncryptionContext.None, false), Ct);

        var parameter = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, blob.CiphertextBlob, "SM2PKE", "RSA_2048"));
        var notFound = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, blob.CiphertextBlob, "SM2PKE", "EC_SM2"));

        Assert.Equal((KmsErrorCode.InvalidParameter, "WrappingAlgorithm"), (parameter.Code, parameter.Detail));
        Assert.Equal(KmsErrorCode.KeyNotFound, notFound.Code);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task ExportDataKey_KeyNotEnabled_ThrowsTheStatesCodeBeforeTheContextFailure(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var generated = await GenerateDataKeyAsync(kms, key.Id.Value, Context("{\"a\":\"1\"}"));
        Assert.True(await kms.Keys.TryUpdateAsync(key with { State = state }, key.Revision, Ct));

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, generated.CiphertextBlob, "SM2PKE", "EC_SM2"));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task ExportDataKey_BlobNamingAKeyPairVersion_ThrowsUnsupportedOperation()
    {
        await using var kms = await CreateAsync();
        var pair = await kms.CreateKeyAsync("RSA_2048");
        var blob = Convert.ToBase64String([.. System.Text.Encoding.ASCII.GetBytes(pair.PrimaryVersion.Value), .. new byte[40]]);

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, blob, "SM2PKE", "EC_SM2"));

        Assert.Equal(KmsErrorCode.UnsupportedOperation, error.Code);
    }

    [Fact]
    public async Task ExportDataKey_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var generated = await GenerateDataKeyAsync(kms, key.Id.Value, EncryptionContext.None);

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, generated.CiphertextBlob, "SM2PKE", "EC_SM2", dryRun: true));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task ExportDataKey_DryRunOfABlobWithoutADataKey_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, "not a data key");

        var error = await Assert.ThrowsAsync<KmsException>(() => ExportAsync(kms, blob, "SM2PKE", "EC_SM2", dryRun: true));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (error.Code, error.Detail));
    }

    private static Task<GenerateDataKeyResult> GenerateDataKeyAsync(KmsHarness kms, string keyId, EncryptionContext context) =>
        kms.Get<GenerateDataKey>().HandleAsync(kms.Caller, new GenerateDataKeyRequest(keyId, null, null, context, false), Ct);

    private static async Task<string> EncryptAsync(KmsHarness kms, string keyId, string plaintext) =>
        Convert.ToBase64String((await kms.Get<Encrypt>().HandleAsync(
            kms.Caller, new EncryptRequest(keyId, plaintext, EncryptionContext.None, false), Ct)).CiphertextBlob);

    private static Task<ExportDataKeyResult> ExportAsync(
        KmsHarness kms, byte[] blob, string algorithm, string keySpec, EncryptionContext? context = null, string? publicKeyBlob = null, bool dryRun = false) =>
        ExportAsync(kms, Convert.ToBase64String(blob), algorithm, keySpec, context, publicKeyBlob, dryRun);

    private static Task<ExportDataKeyResult> ExportAsync(
        KmsHarness kms, string blob, string algorithm, string keySpec, EncryptionContext? context = null, string? publicKeyBlob = null, bool dryRun = false) =>
        kms.Get<ExportDataKey>().HandleAsync(
            kms.Caller,
            new ExportDataKeyRequest(
                blob, context ?? EncryptionContext.None, publicKeyBlob ?? RecipientKeys.PublicKeyBlob(RecipientKeys.For(keySpec)), algorithm, keySpec, dryRun),
            Ct);
}
