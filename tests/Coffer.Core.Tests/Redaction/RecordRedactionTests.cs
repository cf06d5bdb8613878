using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Hosting;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Crypto.Wrapping;

namespace Coffer.Core.Tests.Redaction;

/// <summary>House rule 33: no ToString ever shows key material, plaintext, a data key or an AccessKeySecret.</summary>
public sealed class RecordRedactionTests
{
    private const string Secret = "S3cr3t-Plaintext-Value";
    private static readonly byte[] SecretBytes = [0xde, 0xad, 0xbe, 0xef, 0x42, 0x13, 0x37, 0x99, 0x01, 0x02, 0x03, 0x04];
    private static readonly AccountId Account = new("1000000000000001");
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void EncryptRequest_ToString_HidesThePlaintext()
    {
        var request = new EncryptRequest("key-id", Secret, EncryptionContext.None, DryRun: false);

        AssertHides(request.ToString(), Secret);
        Assert.Contains("key-id", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DecryptResult_ToString_HidesThePlaintext()
    {
        var result = new DecryptResult(KeyId.New(), KeyVersionId.New(), Secret);

        AssertHides(result.ToString(), Secret);
    }

    [Fact]
    public void GenerateDataKeyResult_ToString_HidesTheDataKey()
    {
        var dataKey = Convert.ToBase64String(SecretBytes);
        var result = new GenerateDataKeyResult(KeyId.New(), KeyVersionId.New(), dataKey, [1, 2, 3]);

        AssertHides(result.ToString(), dataKey);
    }

    [Fact]
    public void KeyVersion_ToString_HidesTheWrappedMaterial()
    {
        var version = new KeyVersion(KeyId.New(), KeyVersionId.New(), Now, SecretBytes);

        AssertHidesBytes(version.ToString(), SecretBytes);
    }

    [Fact]
    public void AccessKey_ToString_HidesTheWrappedSecret()
    {
        var accessKey = new AccessKey("LTAIvisible", Account, SecretBytes, Enabled: true, Now, Revision: 1);

        AssertHidesBytes(accessKey.ToString(), SecretBytes);
        Assert.Contains("LTAIvisible", accessKey.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StartupResult_ToString_HidesTheSecretAndTheRootKey()
    {
        using var root = RootKey.Generate();
        var result = new StartupResult(root, Account, "LTAIvisible", Secret);

        AssertHides(result.ToString(), Secret);
        AssertHides(result.ToString(), root.ExportBase64());
    }

    [Fact]
    public void StartupSettings_ToString_HidesTheRootKeyAndTheBootstrapSecret()
    {
        using var root = RootKey.Generate();
        var settings = new StartupSettings("/data", root.ExportBase64(), "LTAIboot", Secret);

        AssertHides(settings.ToString(), Secret);
        AssertHides(settings.ToString(), root.ExportBase64());
    }

    [Fact]
    public void EncryptionContext_ToString_HidesKeysAndValues()
    {
        var context = EncryptionContext.Parse($"{{\"tenant-{Secret}\":\"{Secret}\"}}", [], "EncryptionContext");

        AssertHides(context.ToString(), Secret);
    }

    [Fact]
    public void RootKey_ToString_HidesTheKey()
    {
        using var root = RootKey.Generate();

        AssertHides(root.ToString(), root.ExportBase64());
        AssertHidesBytes(root.ToString(), Convert.FromBase64String(root.ExportBase64()));
    }

    [Fact]
    public void MaterialLease_ToString_HidesTheMaterial()
    {
        var lease = new MaterialLease(SecretBytes.ToArray());

        AssertHidesBytes(lease.ToString(), SecretBytes);
    }

    [Fact]
    public void Records_WithExpression_StillRedact()
    {
        var request = new EncryptRequest("key-id", "other", EncryptionContext.None, DryRun: true) with { Plaintext = Secret };
        var result = new DecryptResult(KeyId.New(), KeyVersionId.New(), "other") with { Plaintext = Secret };

        AssertHides(request.ToString(), Secret);
        AssertHides(result.ToString(), Secret);
    }

    [Fact]
    public void KeyPairAndMacRecords_ToString_HidePlaintextsSignaturesMessagesAndMacs()
    {
        var text = string.Join(
            "\n",
            new AsymmetricEncryptRequest("k", "v", "SM2PKE", Secret, DryRun: false).ToString(),
            new AsymmetricDecryptResult(KeyId.New(), KeyVersionId.New(), SecretBytes).ToString(),
            new AsymmetricSignResult(KeyId.New(), KeyVersionId.New(), SecretBytes).ToString(),
            new GenerateMacRequest("k", "HMAC_SM3", Secret, DryRun: false).ToString(),
            new GenerateMacResult(KeyId.New(), "HMAC_SM3", SecretBytes).ToString(),
            new VerifyMacRequest("k", "HMAC_SM3", Secret, Secret, DryRun: false).ToString());

        AssertHides(text, Secret);
        AssertHidesBytes(text, SecretBytes);
    }

    private static void AssertHides(string text, string secret)
    {
        Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertHidesBytes(string text, byte[] secret)
    {
        Assert.DoesNotContain(Convert.ToBase64String(secret), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(secret), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(BitConverter.ToString(secret), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(string.Join(", ", secret), text, StringComparison.Ordinal);
    }
}
