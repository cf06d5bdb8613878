using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class ReEncryptTests
{
    [Theory]
    [InlineData("Aliyun_AES_256", "Aliyun_SM4")]
    [InlineData("Aliyun_SM4", "Aliyun_AES_128")]
    [InlineData("Aliyun_AES_192", "Aliyun_AES_256")]
    public async Task ReEncrypt_BetweenSpecs_NewBlobDecryptsUnderTheDestination(string sourceSpec, string destinationSpec)
    {
        await using var kms = await CreateAsync();
        var source = await kms.CreateKeyAsync(sourceSpec);
        var destination = await kms.CreateKeyAsync(destinationSpec);
        var blob = await EncryptAsync(kms, source.Id.Value, "secret text", Context("{\"a\":\"1\"}"));

        var result = await ReEncryptAsync(kms, blob, Context("{\"a\":\"1\"}"), destination.Id.Value, Context("{\"b\":\"2\"}"));
        var decrypted = await DecryptAsync(kms, result.CiphertextBlob, Context("{\"b\":\"2\"}"));

        Assert.Equal(destination.Id, result.KeyId);
        Assert.Equal(destination.PrimaryVersion, result.KeyVersionId);
        Assert.Equal(destination.PrimaryVersion.Value, Encoding.ASCII.GetString(result.CiphertextBlob, 0, 36));
        Assert.Equal(64 + "secret text".Length, result.CiphertextBlob.Length);
        Assert.Equal("secret text", decrypted.Plaintext);
        Assert.Equal(destination.Id, decrypted.KeyId);
    }

    [Fact]
    public async Task ReEncrypt_SameKey_GivesAFreshBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, "x");

        var result = await ReEncryptAsync(kms, blob, EncryptionContext.None, key.Id.Value, EncryptionContext.None);

        Assert.NotEqual(blob, Convert.ToBase64String(result.CiphertextBlob));
        Assert.Equal("x", (await DecryptAsync(kms, result.CiphertextBlob, EncryptionContext.None)).Plaintext);
    }

    [Fact]
    public async Task ReEncrypt_DestinationByAliasAndArns_ResolvesToTheKey()
    {
        await using var kms = await CreateAsync();
        var source = await kms.CreateKeyAsync();
        var destination = await kms.CreateKeyAsync();
        await CreateAliasTests.CreateAliasAsync(kms, "alias/dest", destination.Id.Value);
        var blob = await EncryptAsync(kms, source.Id.Value, "x");
        var account = kms.Caller.Account.Value;

        foreach (var reference in new[] { "alias/dest", $"acs:kms:cn-hangzhou:{account}:alias/dest", $"acs:kms:cn-hangzhou:{account}:key/{destination.Id.Value}" })
        {
            var result = await ReEncryptAsync(kms, blob, EncryptionContext.None, reference, EncryptionContext.None);

            Assert.Equal(destination.Id, result.KeyId);
        }
    }

    [Fact]
    public async Task ReEncrypt_WrongSourceContext_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, "x", Context("{\"a\":\"1\"}"));

        var wrong = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, Context("{\"a\":\"2\"}"), key.Id.Value, EncryptionContext.None));
        var none = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, key.Id.Value, EncryptionContext.None));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (wrong.Code, wrong.Detail));
        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (none.Code, none.Detail));
    }

    [Theory]
    [InlineData("not base64")]
    [InlineData("AAAA")]
    public async Task ReEncrypt_MalformedBlob_ThrowsInvalidParameterCiphertextBlob(string blob)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, key.Id.Value, EncryptionContext.None));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (error.Code, error.Detail));
    }

    [Fact]
    public async Task ReEncrypt_TamperedBlob_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var bytes = Convert.FromBase64String(await EncryptAsync(kms, key.Id.Value, "x"));
        bytes[^1] ^= 1;

        var error = await Assert.ThrowsAsync<KmsException>(
            () => ReEncryptAsync(kms, Convert.ToBase64String(bytes), EncryptionContext.None, key.Id.Value, EncryptionContext.None));

        Assert.Equal((KmsErrorCode.InvalidParameter, "CiphertextBlob"), (error.Code, error.Detail));
    }

    [Fact]
    public async Task ReEncrypt_BlobOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);
        var mine = await kms.CreateKeyAsync();
        var blob = Convert.ToBase64String((await kms.Get<Encrypt>().HandleAsync(
            other, new EncryptRequest(theirs.Id.Value, "x", EncryptionContext.None, false), Ct)).CiphertextBlob);

        var error = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, mine.Id.Value, EncryptionContext.None));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task ReEncrypt_UnknownDestination_ThrowsKeyNotFoundOrAliasNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, "x");

        var unknownKey = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, "missing", EncryptionContext.None));
        var unknownAlias = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, "alias/none", EncryptionContext.None));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknownKey.Code);
        Assert.Equal(KmsErrorCode.AliasNotFound, unknownAlias.Code);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task ReEncrypt_SourceNotEnabled_ThrowsTheStatesCode(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var source = await kms.CreateKeyAsync();
        var destination = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, source.Id.Value, "x");
        Assert.True(await kms.Keys.TryUpdateAsync(source with { State = state }, source.Revision, Ct));

        var error = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, destination.Id.Value, EncryptionContext.None));

        Assert.Equal(expected, error.Code);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task ReEncrypt_DestinationNotEnabled_ThrowsTheStatesCode(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var source = await kms.CreateKeyAsync();
        var destination = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);
        var blob = await EncryptAsync(kms, source.Id.Value, "x");

        var error = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, destination.Id.Value, EncryptionContext.None));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task ReEncrypt_UnknownDestinationAndDisabledSource_Throws404BeforeTheState()
    {
        await using var kms = await CreateAsync();
        var source = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, source.Id.Value, "x");
        Assert.True(await kms.Keys.TryUpdateAsync(source with { State = KeyState.Disabled }, source.Revision, Ct));

        var error = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, "missing", EncryptionContext.None));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task ReEncrypt_DisabledDestinationAndWrongContext_ThrowsTheStateBeforeTheBlobFailure()
    {
        await using var kms = await CreateAsync();
        var source = await kms.CreateKeyAsync();
        var destination = await kms.AddKeyAsync(KeyState.Disabled, KeySpec.AliyunAes256, new byte[32]);
        var blob = await EncryptAsync(kms, source.Id.Value, "x", Context("{\"a\":\"1\"}"));

        var error = await Assert.ThrowsAsync<KmsException>(() => ReEncryptAsync(kms, blob, EncryptionContext.None, destination.Id.Value, EncryptionContext.None));

        Assert.Equal(KmsErrorCode.KeyDisabled, error.Code);
    }

    [Fact]
    public async Task ReEncrypt_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await EncryptAsync(kms, key.Id.Value, "x");

        var error = await Assert.ThrowsAsync<KmsException>(
            () => ReEncryptAsync(kms, blob, EncryptionContext.None, key.Id.Value, EncryptionContext.None, dryRun: true));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task ReEncrypt_DryRunOfAFailingCall_ThrowsTheFailure()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var disabled = await kms.AddKeyAsync(KeyState.Disabled, KeySpec.AliyunAes256, new byte[32]);
        var blob = await EncryptAsync(kms, key.Id.Value, "x", Context("{\"a\":\"1\"}"));

        var state = await Assert.ThrowsAsync<KmsException>(
            () => ReEncryptAsync(kms, blob, Context("{\"a\":\"1\"}"), disabled.Id.Value, EncryptionContext.None, dryRun: true));
        var context = await Assert.ThrowsAsync<KmsException>(
            () => ReEncryptAsync(kms, blob, EncryptionContext.None, key.Id.Value, EncryptionContext.None, dryRun: true));

        Assert.Equal(KmsErrorCode.KeyDisabled, state.Code);
        Assert.Equal(KmsErrorCode.InvalidParameter, context.Code);
    }

    private static EncryptionContext Context(string json) => EncryptionContext.Parse(json, [], "EncryptionContext");

    private static async Task<string> EncryptAsync(KmsHarness kms, string keyId, string plaintext, EncryptionContext? context = null) =>
        Convert.ToBase64String((await kms.Get<Encrypt>().HandleAsync(
            kms.Caller, new EncryptRequest(keyId, plaintext, context ?? EncryptionContext.None, false), Ct)).CiphertextBlob);

    private static Task<DecryptResult> DecryptAsync(KmsHarness kms, byte[] blob, EncryptionContext context) =>
        kms.Get<Decrypt>().HandleAsync(kms.Caller, new DecryptRequest(Convert.ToBase64String(blob), context, false), Ct);

    private static Task<ReEncryptResult> ReEncryptAsync(
        KmsHarness kms, string blob, EncryptionContext source, string destination, EncryptionContext destinationContext, bool dryRun = false) =>
        kms.Get<ReEncrypt>().HandleAsync(kms.Caller, new ReEncryptRequest(blob, source, destination, destinationContext, dryRun), Ct);
}
