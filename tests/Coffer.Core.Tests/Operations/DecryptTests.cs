using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Crypto;
using Coffer.Crypto.Aead;
using Coffer.Crypto.Envelope;
using static Coffer.Core.Tests.Operations.EncryptTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class DecryptTests
{
    public static TheoryData<string> Specs => ["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192", "Aliyun_SM4"];

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Decrypt_BlobOfEverySpecWithItsContext_GivesThePlaintext(string spec)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync(spec);
        var blob = await SealAsync(kms, key, "secret text", Context("{\"a\":\"1\",\"b\":\"2\"}"));

        var result = await Decrypt(kms, blob, Context("{\"b\":\"2\",\"a\":\"1\"}"));

        Assert.Equal("secret text", result.Plaintext);
        Assert.Equal(key.Id, result.KeyId);
        Assert.Equal(key.PrimaryVersion, result.KeyVersionId);
    }

    [Fact]
    public async Task Decrypt_DottedContextEqualToTheJsonOne_Opens()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await SealAsync(kms, key, "dotted", Context("{\"k\":\"v\"}"));

        var result = await Decrypt(kms, blob, EncryptionContext.Parse(null, [new("k", "v")], "EncryptionContext"));

        Assert.Equal("dotted", result.Plaintext);
    }

    [Theory]
    [InlineData("{\"a\":\"1\"}", "{\"a\":\"2\"}")]
    [InlineData("{\"a\":\"1\"}", "")]
    [InlineData("", "{\"a\":\"1\"}")]
    [InlineData("{\"a\":\"1\"}", "{\"a\":\"1\",\"b\":\"2\"}")]
    [InlineData("{\"a\":\"1\"}", "{\"A\":\"1\"}")]
    public async Task Decrypt_WrongContext_ThrowsInvalidParameterCiphertextBlob(string sealedWith, string openedWith)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await SealAsync(kms, key, "x", Context(sealedWith));

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, blob, Context(openedWith)));

        AssertInvalidBlob(error);
    }

    [Theory]
    [InlineData(36)]
    [InlineData(47)]
    [InlineData(48)]
    [InlineData(-16)]
    [InlineData(-1)]
    public async Task Decrypt_OneBitFlippedAfterTheVersionId_ThrowsInvalidParameterCiphertextBlob(int offset)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = Convert.FromBase64String(await SealAsync(kms, key, "tamper me", EncryptionContext.None));
        blob[offset < 0 ? blob.Length + offset : offset] ^= 0x01;

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_TruncatedOrExtendedBlob_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = Convert.FromBase64String(await SealAsync(kms, key, "length", EncryptionContext.None));

        var truncated = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob[..^1])));
        var extended = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String([.. blob, 0])));

        AssertInvalidBlob(truncated);
        AssertInvalidBlob(extended);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("YWJj")]
    [InlineData("====")]
    public async Task Decrypt_NotABlob_ThrowsInvalidParameterCiphertextBlob(string blob)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, blob));

        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_SixtyThreeBytes_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = Encoding.ASCII.GetBytes(key.PrimaryVersion.Value).Concat(new byte[27]).ToArray();

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        Assert.Equal(63, blob.Length);
        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_VersionIdWithUnprintableBytes_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = Convert.FromBase64String(await SealAsync(kms, key, "x", EncryptionContext.None));
        blob[0] = 0x00;

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_VersionIdOfNoKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = Convert.FromBase64String(await SealAsync(kms, key, "x", EncryptionContext.None));
        Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("D")).CopyTo(blob, 0);

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task Decrypt_VersionIdOfAnotherKeyOfTheCaller_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var other = await kms.CreateKeyAsync();
        var blob = Convert.FromBase64String(await SealAsync(kms, key, "x", EncryptionContext.None));
        Encoding.ASCII.GetBytes(other.PrimaryVersion.Value).CopyTo(blob, 0);

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_BlobOfAnotherAccountsKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var key = await kms.CreateKeyAsync(caller: other);
        var encrypted = await kms.Get<Encrypt>().HandleAsync(
            other, new EncryptRequest(key.Id.Value, "theirs", EncryptionContext.None, false), Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(encrypted.CiphertextBlob)));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KmsErrorCode.KeyDisabled)]
    [InlineData(KeyState.PendingDeletion, KmsErrorCode.KeyPendingDeletion)]
    [InlineData(KeyState.PendingImport, KmsErrorCode.KeyPendingImport)]
    public async Task Decrypt_KeyNotEnabled_ThrowsTheStatesCodeEvenForATamperedBlob(KeyState state, KmsErrorCode expected)
    {
        await using var kms = await CreateAsync();
        var material = CryptoRandom.Bytes(32);
        var key = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, material);
        var blob = CiphertextBlob.Seal(AeadAlgorithm.AesGcm, material, key.PrimaryVersion.Value, "x"u8, []);
        var tampered = blob.ToArray();
        tampered[^1] ^= 0x01;

        var intact = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));
        var broken = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(tampered)));

        // Key state (step 15) answers before the tag check (step 17).
        Assert.Equal(expected, intact.Code);
        Assert.Equal(expected, broken.Code);
    }

    [Fact]
    public async Task Decrypt_BlobSealedByHandUnderAnEnabledKey_Opens()
    {
        await using var kms = await CreateAsync();
        var material = CryptoRandom.Bytes(16);
        var key = await kms.AddKeyAsync(KeyState.Enabled, KeySpec.AliyunSm4, material);
        var blob = CiphertextBlob.Seal(AeadAlgorithm.Sm4Gcm, material, key.PrimaryVersion.Value, "by hand"u8, []);

        var result = await Decrypt(kms, Convert.ToBase64String(blob));

        Assert.Equal("by hand", result.Plaintext);
    }

    [Fact]
    public async Task Decrypt_Sm4KeyBlobSealedWithAes_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var material = CryptoRandom.Bytes(16);
        var key = await kms.AddKeyAsync(KeyState.Enabled, KeySpec.AliyunSm4, material);
        var blob = CiphertextBlob.Seal(AeadAlgorithm.AesGcm, material, key.PrimaryVersion.Value, "wrong cipher"u8, []);

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_PlaintextThatIsNotUtf8_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var material = CryptoRandom.Bytes(32);
        var key = await kms.AddKeyAsync(KeyState.Enabled, KeySpec.AliyunAes256, material);
        var blob = CiphertextBlob.Seal(AeadAlgorithm.AesGcm, material, key.PrimaryVersion.Value, [0xff, 0xfe, 0x80], []);

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, Convert.ToBase64String(blob)));

        AssertInvalidBlob(error);
    }

    [Fact]
    public async Task Decrypt_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await SealAsync(kms, key, "x", EncryptionContext.None);

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, blob, dryRun: true));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task Decrypt_DryRunOfABlobThatDoesNotOpen_ThrowsInvalidParameterCiphertextBlob()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await SealAsync(kms, key, "x", Context("{\"a\":\"1\"}"));

        var error = await Assert.ThrowsAsync<KmsException>(() => Decrypt(kms, blob, dryRun: true));

        AssertInvalidBlob(error);
    }

    private static async Task<string> SealAsync(KmsHarness kms, Key key, string plaintext, EncryptionContext context)
    {
        var result = await kms.Get<Encrypt>().HandleAsync(kms.Caller, new EncryptRequest(key.Id.Value, plaintext, context, false), Ct);
        return Convert.ToBase64String(result.CiphertextBlob);
    }

    private static Task<DecryptResult> Decrypt(KmsHarness kms, string blob, EncryptionContext? context = null, bool dryRun = false) =>
        kms.Get<Decrypt>().HandleAsync(kms.Caller, new DecryptRequest(blob, context ?? EncryptionContext.None, dryRun), Ct);

    private static void AssertInvalidBlob(KmsException error)
    {
        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("CiphertextBlob", error.Detail);
    }
}
