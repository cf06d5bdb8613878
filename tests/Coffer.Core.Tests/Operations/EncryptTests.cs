using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Crypto.Aead;
using Coffer.Crypto.Envelope;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class EncryptTests
{
    public static TheoryData<string, AeadAlgorithm> Specs => new()
    {
        { "Aliyun_AES_256", AeadAlgorithm.AesGcm },
        { "Aliyun_AES_128", AeadAlgorithm.AesGcm },
        { "Aliyun_AES_192", AeadAlgorithm.AesGcm },
        { "Aliyun_SM4", AeadAlgorithm.Sm4Gcm },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Encrypt_EverySpec_DecryptGivesThePlaintextBack(string spec, AeadAlgorithm _)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync(spec);

        var encrypted = await Encrypt(kms, key.Id.Value, "hello, Coffer ✓");
        var decrypted = await kms.Get<Decrypt>().HandleAsync(
            kms.Caller, new DecryptRequest(Convert.ToBase64String(encrypted.CiphertextBlob), EncryptionContext.None, false), Ct);

        Assert.Equal(key.Id, encrypted.KeyId);
        Assert.Equal(key.PrimaryVersion, encrypted.KeyVersionId);
        Assert.Equal("hello, Coffer ✓", decrypted.Plaintext);
        Assert.Equal(key.Id, decrypted.KeyId);
        Assert.Equal(key.PrimaryVersion, decrypted.KeyVersionId);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Encrypt_EverySpec_BlobIsAlibabasLayoutUnderTheSpecsCipher(string spec, AeadAlgorithm cipher)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync(spec);
        var context = Context("{\"purpose\":\"test\"}");

        var encrypted = await Encrypt(kms, key.Id.Value, "layout", context);

        var blob = encrypted.CiphertextBlob;
        Assert.Equal(64 + "layout".Length, blob.Length);
        Assert.Equal(key.PrimaryVersion.Value, Encoding.ASCII.GetString(blob, 0, 36));
        var opened = CiphertextBlob.TryOpen(cipher, await kms.PrimaryMaterialAsync(key), blob, context.AssociatedData());
        Assert.Equal("layout"u8.ToArray(), opened);
    }

    [Fact]
    public async Task Encrypt_SamePlaintextTwice_GivesDifferentBlobs()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var first = await Encrypt(kms, key.Id.Value, "same");
        var second = await Encrypt(kms, key.Id.Value, "same");

        Assert.NotEqual(first.CiphertextBlob, second.CiphertextBlob);
    }

    [Fact]
    public async Task Encrypt_TextThatIsNotBase64_IsEncryptedAsReceived()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var encrypted = await Encrypt(kms, key.Id.Value, "not base64 at all!");
        var decrypted = await kms.Get<Decrypt>().HandleAsync(
            kms.Caller, new DecryptRequest(Convert.ToBase64String(encrypted.CiphertextBlob), EncryptionContext.None, false), Ct);

        Assert.Equal("not base64 at all!", decrypted.Plaintext);
    }

    [Fact]
    public async Task Encrypt_KeyArn_EncryptsUnderTheKeyAndNamesItsId()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var encrypted = await Encrypt(kms, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id), "by arn");

        Assert.Equal(key.Id, encrypted.KeyId);
        Assert.Equal(key.PrimaryVersion, encrypted.KeyVersionId);
    }

    [Theory]
    [InlineData("alias/mine")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/mine")]
    public async Task Encrypt_AliasForms_ThrowAliasNotFound(string format)
    {
        await using var kms = await CreateAsync();
        await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => Encrypt(kms, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value), "x"));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Theory]
    [InlineData("alias/mine")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/mine")]
    public async Task Encrypt_AliasFormsOfAnExistingAlias_EncryptUnderTheAliasedKey(string format)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await kms.AddAliasAsync(key, "alias/mine");

        var encrypted = await Encrypt(kms, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value), "x");

        Assert.Equal(key.Id, encrypted.KeyId);
        Assert.Equal(key.PrimaryVersion, encrypted.KeyVersionId);
    }

    [Fact]
    public async Task Encrypt_UnknownKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, Guid.NewGuid().ToString(), "x"));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task Encrypt_KeyOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var key = await kms.CreateKeyAsync(caller: other);

        var error = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, key.Id.Value, "x"));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task Encrypt_KeyNotEnabled_ThrowsTheStatesCode(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, key.Id.Value, "x"));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task Encrypt_PlaintextOfTheLimitInUtf8Bytes_Accepted()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var plaintext = new string('€', 2_048);

        var encrypted = await Encrypt(kms, key.Id.Value, plaintext);

        Assert.Equal(64 + 6_144, encrypted.CiphertextBlob.Length);
    }

    [Theory]
    [InlineData(6_145, 'a')]
    [InlineData(2_049, '€')]
    public async Task Encrypt_PlaintextOverTheLimitInUtf8Bytes_ThrowsInvalidParameterPlaintext(int count, char c)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, key.Id.Value, new string(c, count)));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("Plaintext", error.Detail);
    }

    [Fact]
    public async Task Encrypt_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, key.Id.Value, "x", dryRun: true));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task Encrypt_DryRunOfAFailingCall_ThrowsTheFailure()
    {
        await using var kms = await CreateAsync();
        var disabled = await kms.AddKeyAsync(KeyState.Disabled, KeySpec.AliyunAes256, new byte[32]);

        var unknown = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, "missing", "x", dryRun: true));
        var state = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, disabled.Id.Value, "x", dryRun: true));
        var size = await Assert.ThrowsAsync<KmsException>(() => Encrypt(kms, disabled.Id.Value, new string('a', 6_145), dryRun: true));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.KeyDisabled, state.Code);
        Assert.Equal(KmsErrorCode.InvalidParameter, size.Code);
    }

    internal static EncryptionContext Context(string json) => EncryptionContext.Parse(json, [], "EncryptionContext");

    private static Task<EncryptResult> Encrypt(
        KmsHarness kms, string keyId, string plaintext, EncryptionContext? context = null, bool dryRun = false) =>
        kms.Get<Encrypt>().HandleAsync(kms.Caller, new EncryptRequest(keyId, plaintext, context ?? EncryptionContext.None, dryRun), Ct);
}
