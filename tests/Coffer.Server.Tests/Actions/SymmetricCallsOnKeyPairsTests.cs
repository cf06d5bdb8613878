using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

/// <summary>Encrypt, Decrypt, GenerateDataKey* and ReEncrypt refuse key pairs and HMAC keys (Rejected.UnsupportedOperation).</summary>
public sealed class SymmetricCallsOnKeyPairsTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    public static TheoryData<string, string?> NonSymmetric => new()
    {
        { "RSA_2048", "ENCRYPT/DECRYPT" },
        { "EC_SM2", "ENCRYPT/DECRYPT" },
        { "EC_P256", null },
        { "HMAC_SHA256", null },
    };

    [Theory]
    [MemberData(nameof(NonSymmetric))]
    public async Task EncryptAndDataKeys_KeyPairOrHmacKey_ReturnUnsupportedOperation(string spec, string? usage)
    {
        var (keyId, _) = await factory.Client.CreatePairAsync(spec, usage);

        UnsupportedOperation(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"))));
        UnsupportedOperation(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId))));
        UnsupportedOperation(await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", keyId))));
    }

    [Theory]
    [MemberData(nameof(NonSymmetric))]
    public async Task ReEncrypt_KeyPairOrHmacDestination_ReturnsUnsupportedOperation(string spec, string? usage)
    {
        var (keyId, _) = await factory.Client.CreatePairAsync(spec, usage);
        var blob = await factory.Client.EncryptAsync(await factory.Client.CreateKeyAsync(), "payload");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId)));

        UnsupportedOperation(response);
    }

    [Fact]
    public async Task Decrypt_BlobNamingAKeyPairsVersion_ReturnsUnsupportedOperation()
    {
        var (_, versionId) = await factory.Client.CreatePairAsync("EC_SM2", "ENCRYPT/DECRYPT");
        // A blob in Alibaba's layout whose first 36 bytes name the key pair's version.
        var blob = Convert.ToBase64String([.. System.Text.Encoding.ASCII.GetBytes(versionId), .. new byte[12 + 5 + 16]]);

        UnsupportedOperation(await factory.Client.CallAsync("Decrypt", Params.Of(("CiphertextBlob", blob))));
        UnsupportedOperation(await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", await factory.Client.CreateKeyAsync()))));
    }

    [Fact]
    public async Task Encrypt_DisabledKeyPair_ReturnsTheStateErrorFirst()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("RSA_2048", "ENCRYPT/DECRYPT");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        Disabled(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"))));
    }
}
