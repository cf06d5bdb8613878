using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class GetPublicKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("RSA_2048", "SIGN/VERIFY", "Public-Key: (2048 bit)")]
    [InlineData("RSA_3072", "ENCRYPT/DECRYPT", "Public-Key: (3072 bit)")]
    [InlineData("EC_P256", "SIGN/VERIFY", "ASN1 OID: prime256v1")]
    [InlineData("EC_P256K", "SIGN/VERIFY", "ASN1 OID: secp256k1")]
    [InlineData("EC_SM2", "ENCRYPT/DECRYPT", "ASN1 OID: SM2")]
    public async Task GetPublicKey_EveryKeyPairSpec_ReturnsAPemOpenSslReads(string spec, string usage, string openSslSays)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, usage);

        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyId", "KeyVersionId", "PublicKey"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        Assert.Equal(versionId, json.GetProperty("KeyVersionId").GetString());
        var pem = json.GetProperty("PublicKey").GetString()!;
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", pem, StringComparison.Ordinal);
        var file = Path.Combine(factory.DataDirectory, $"{versionId}.pem");
        await File.WriteAllTextAsync(file, pem, TestContext.Current.CancellationToken);
        var (exit, text, error) = await OpenSslAsync("pkey", "-pubin", "-in", file, "-noout", "-text");
        Assert.True(exit == 0, error);
        Assert.Contains(openSslSays, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPublicKey_AliasAndOlderVersion_ReturnThatVersionsKey()
    {
        var (keyId, first) = await factory.Client.CreatePairAsync("EC_P256");
        var firstPem = await factory.Client.PublicKeyPemAsync(keyId, first);
        var second = Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))))
            .GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString()!;
        var alias = "alias/gpk-" + Guid.NewGuid().ToString("N");
        Expect.Ok(await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", alias), ("KeyId", keyId))));

        var viaAlias = await factory.Client.PublicKeyPemAsync(alias, first);
        var secondPem = await factory.Client.PublicKeyPemAsync(factory.KeyArn(keyId), second);

        Assert.Equal(firstPem, viaAlias);
        Assert.NotEqual(firstPem, secondPem);
    }

    [Theory]
    [InlineData("KeyId")]
    [InlineData("KeyVersionId")]
    public async Task GetPublicKey_MissingParameter_ReturnsMissingParameter(string missing)
    {
        var parameters = Params.Of(("KeyId", "k"), ("KeyVersionId", "v"));
        parameters.Remove(missing);

        var response = await factory.Client.CallAsync("GetPublicKey", parameters);

        Expect.MissingParameter(response, missing);
    }

    [Fact]
    public async Task GetPublicKey_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("KeyVersionId", "v")));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task GetPublicKey_VersionOfAnotherKey_ReturnsKeyVersionNotFound()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("EC_P256");
        var (_, otherVersion) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", otherVersion)));

        Expect.Error(response, "Forbidden.KeyVersionNotFound", 404, "The specified KeyVersion is not found.");
    }

    [Theory]
    [InlineData("Aliyun_AES_256")]
    [InlineData("HMAC_SHA256")]
    public async Task GetPublicKey_SymmetricOrHmacKey_ReturnsUnsupportedOperation(string spec)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec);

        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        UnsupportedOperation(response);
    }

    [Fact]
    public async Task GetPublicKey_DisabledKeyPair_ReturnsRejectedDisabled()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        Disabled(response);
    }

    [Fact]
    public async Task GetPublicKey_DisabledSymmetricKey_ReturnsTheStateErrorBeforeTheKindError()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("Aliyun_AES_256");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        Disabled(response);
    }

    [Fact]
    public async Task GetPublicKey_PendingDeletion_ReturnsRejectedPendingDeletion()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_SM2");
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        var response = await factory.Client.CallAsync("GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId)));

        PendingDeletion(response);
    }

    [Fact]
    public async Task GetPublicKey_DryRun_ReturnsDryRunOperationError()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await factory.Client.CallAsync(
            "GetPublicKey", Params.Of(("KeyId", keyId), ("KeyVersionId", versionId), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }
}
