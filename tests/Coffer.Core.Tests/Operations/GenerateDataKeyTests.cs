using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using static Coffer.Core.Tests.Operations.EncryptTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class GenerateDataKeyTests
{
    public static TheoryData<string> Specs => ["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192", "Aliyun_SM4"];

    [Theory]
    [InlineData(null, null, 32)]
    [InlineData("AES_256", null, 32)]
    [InlineData("AES_128", null, 16)]
    [InlineData(null, 1, 1)]
    [InlineData(null, 64, 64)]
    [InlineData(null, 1024, 1024)]
    [InlineData("AES_128", 48, 48)]
    [InlineData("AES_256", 8, 8)]
    public async Task GenerateDataKey_SpecAndNumberOfBytes_GiveTheDataKeyLength(string? spec, int? numberOfBytes, int expected)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var result = await Generate(kms, key.Id.Value, spec, numberOfBytes);

        Assert.Equal(expected, Convert.FromBase64String(result.Plaintext).Length);
        Assert.Equal(64 + result.Plaintext.Length, result.CiphertextBlob.Length);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task GenerateDataKey_EveryKeySpec_BlobDecryptsToThePlaintextText(string keySpec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync(keySpec);
        var context = Context("{\"file\":\"a.txt\"}");

        var result = await Generate(kms, key.Id.Value, context: context);
        var decrypted = await kms.Get<Decrypt>().HandleAsync(
            kms.Caller, new DecryptRequest(Convert.ToBase64String(result.CiphertextBlob), context, false), Ct);

        Assert.Equal(key.Id, result.KeyId);
        Assert.Equal(key.PrimaryVersion, result.KeyVersionId);
        Assert.Equal(key.PrimaryVersion.Value, Encoding.ASCII.GetString(result.CiphertextBlob, 0, 36));
        Assert.Equal(result.Plaintext, decrypted.Plaintext);
    }

    [Fact]
    public async Task GenerateDataKey_BlobWithoutItsContext_DoesNotDecrypt()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var result = await Generate(kms, key.Id.Value, context: Context("{\"file\":\"a.txt\"}"));

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<Decrypt>().HandleAsync(
            kms.Caller, new DecryptRequest(Convert.ToBase64String(result.CiphertextBlob), EncryptionContext.None, false), Ct));
        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("CiphertextBlob", error.Detail);
    }

    [Fact]
    public async Task GenerateDataKey_TwoCalls_GiveDifferentDataKeys()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var first = await Generate(kms, key.Id.Value);
        var second = await Generate(kms, key.Id.Value);

        Assert.NotEqual(first.Plaintext, second.Plaintext);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1025)]
    [InlineData(int.MaxValue)]
    public async Task GenerateDataKey_NumberOfBytesOutOfRange_ThrowsInvalidParameterNumberOfBytes(int numberOfBytes)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Generate(kms, key.Id.Value, numberOfBytes: numberOfBytes));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("NumberOfBytes", error.Detail);
    }

    [Theory]
    [InlineData("AES_192")]
    [InlineData("aes_256")]
    [InlineData("Aliyun_AES_256")]
    [InlineData("")]
    public async Task GenerateDataKey_UnknownKeySpec_ThrowsInvalidParameterKeySpec(string spec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Generate(kms, key.Id.Value, spec));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("KeySpec", error.Detail);
    }

    [Theory]
    [InlineData("alias/data")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/data")]
    public async Task GenerateDataKey_AliasForms_ThrowAliasNotFound(string format)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => Generate(kms, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value)));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task GenerateDataKey_ExistingAlias_UsesTheAliasedKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await kms.AddAliasAsync(key, "alias/data");

        var result = await Generate(kms, "alias/data");

        Assert.Equal(key.Id, result.KeyId);
    }

    [Fact]
    public async Task GenerateDataKey_KeyArn_UsesTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var result = await Generate(kms, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id));

        Assert.Equal(key.Id, result.KeyId);
    }

    [Fact]
    public async Task GenerateDataKey_KeyOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var key = await kms.CreateKeyAsync(caller: other);

        var error = await Assert.ThrowsAsync<KmsException>(() => Generate(kms, key.Id.Value));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task GenerateDataKey_KeyNotEnabled_ThrowsTheStatesCode(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => Generate(kms, key.Id.Value));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task GenerateDataKey_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Generate(kms, key.Id.Value, dryRun: true));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task GenerateDataKey_DryRunWithABadNumberOfBytes_ThrowsInvalidParameter()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Generate(kms, key.Id.Value, numberOfBytes: 0, dryRun: true));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
    }

    private static Task<GenerateDataKeyResult> Generate(
        KmsHarness kms, string keyId, string? spec = null, int? numberOfBytes = null, EncryptionContext? context = null, bool dryRun = false) =>
        kms.Get<GenerateDataKey>().HandleAsync(
            kms.Caller, new GenerateDataKeyRequest(keyId, spec, numberOfBytes, context ?? EncryptionContext.None, dryRun), Ct);
}
