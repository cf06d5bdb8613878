using System.Text;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class AsymmetricSignTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private static readonly string[] TableOrder = ["Algorithm", "Digest", "KeyId", "KeyVersionId"];

    [Theory]
    [InlineData("RSA_2048", "RSA_PSS_SHA_256")]
    [InlineData("RSA_3072", "RSA_PSS_SHA_256")]
    [InlineData("RSA_2048", "RSA_PKCS1_SHA_256")]
    [InlineData("EC_P256", "ECDSA_SHA_256")]
    [InlineData("EC_P256K", "ECDSA_SHA_256")]
    public async Task AsymmetricSign_SignatureOfAMessagesDigest_VerifiesInOpenSslDgstWithTheGetPublicKeyPem(string spec, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec);
        var pem = await factory.TempFileAsync("pub.pem", Encoding.ASCII.GetBytes(await factory.Client.PublicKeyPemAsync(keyId, versionId)));
        var message = Encoding.UTF8.GetBytes("signed through the HTTP API " + Guid.NewGuid());
        var digest = await factory.Sha256Async(message);

        var json = Expect.Ok(await Sign(keyId, versionId, algorithm, digest));

        Assert.Equal(["RequestId", "KeyId", "KeyVersionId", "Value"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        Assert.Equal(versionId, json.GetProperty("KeyVersionId").GetString());
        var signature = await factory.TempFileAsync("sig", Convert.FromBase64String(json.GetProperty("Value").GetString()!));
        var messageFile = await factory.TempFileAsync("msg", message);
        string[] pss = algorithm == "RSA_PSS_SHA_256" ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"] : [];
        var (exit, output, error) = await OpenSslAsync(["dgst", "-sha256", "-verify", pem, "-signature", signature, .. pss, messageFile]);
        Assert.True(exit == 0, output + error);
        Assert.Contains("Verified OK", output, StringComparison.Ordinal);
        var tampered = await factory.TempFileAsync("msg2", [.. message, (byte)'!']);
        Assert.NotEqual(0, (await OpenSslAsync(["dgst", "-sha256", "-verify", pem, "-signature", signature, .. pss, tampered])).ExitCode);
    }

    [Fact]
    public async Task AsymmetricSign_Sm2_VerifiesInOpenSslPkeyutlOverTheDigestE()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_SM2");
        var pem = await factory.TempFileAsync("pub.pem", Encoding.ASCII.GetBytes(await factory.Client.PublicKeyPemAsync(keyId, versionId)));
        // SM2DSA signs e = SM3(Z‖M) as given; pkeyutl on an SM2 key verifies its input as e too.
        var e = RandomDigest();

        var json = Expect.Ok(await Sign(keyId, versionId, "SM2DSA", e));

        var signature = await factory.TempFileAsync("sig", Convert.FromBase64String(json.GetProperty("Value").GetString()!));
        var (exit, output, error) = await OpenSslAsync("pkeyutl", "-verify", "-pubin", "-inkey", pem, "-sigfile", signature, "-in", await factory.TempFileAsync("e", e));
        Assert.True(exit == 0, output + error);
        Assert.Contains("Signature Verified Successfully", output, StringComparison.Ordinal);
        var other = RandomDigest();
        Assert.NotEqual(0, (await OpenSslAsync("pkeyutl", "-verify", "-pubin", "-inkey", pem, "-sigfile", signature, "-in", await factory.TempFileAsync("e2", other))).ExitCode);
    }

    [Theory]
    [InlineData("Algorithm")]
    [InlineData("Digest")]
    [InlineData("KeyId")]
    [InlineData("KeyVersionId")]
    public async Task AsymmetricSign_MissingParameter_ReturnsMissingParameterInTableOrder(string missing)
    {
        var parameters = Params.Of(("Algorithm", "bogus"), ("Digest", "!!"), ("KeyId", "k"), ("KeyVersionId", "v"));
        foreach (var name in TableOrder.SkipWhile(n => n != missing))
        {
            parameters.Remove(name);
        }

        var response = await factory.Client.CallAsync("AsymmetricSign", parameters);

        Expect.MissingParameter(response, missing);
    }

    [Theory]
    [InlineData("ECDSA_SHA256")]
    [InlineData("rsa_pss_sha_256")]
    [InlineData("RSAES_OAEP_SHA_256")]
    public async Task AsymmetricSign_UnknownAlgorithm_ReturnsInvalidParameterAlgorithmBeforeTheKeyIsLookedUp(string algorithm)
    {
        var response = await factory.Client.CallAsync(
            "AsymmetricSign", Params.Of(("Algorithm", algorithm), ("Digest", Convert.ToBase64String(RandomDigest())), ("KeyId", "nope"), ("KeyVersionId", "v")));

        Expect.InvalidParameter(response, "Algorithm");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task AsymmetricSign_DigestNotBase64OrNot32Bytes_ReturnsInvalidParameterDigest(string digest)
    {
        var response = await factory.Client.CallAsync(
            "AsymmetricSign", Params.Of(("Algorithm", "ECDSA_SHA_256"), ("Digest", digest), ("KeyId", "nope"), ("KeyVersionId", "v")));

        Expect.InvalidParameter(response, "Digest");
    }

    [Theory]
    [InlineData("EC_P256", "RSA_PSS_SHA_256")]
    [InlineData("EC_P256K", "SM2DSA")]
    [InlineData("RSA_2048", "ECDSA_SHA_256")]
    [InlineData("EC_SM2", "ECDSA_SHA_256")]
    public async Task AsymmetricSign_AlgorithmTheSpecDoesNotAllow_ReturnsInvalidParameterAlgorithm(string spec, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec);

        var response = await Sign(keyId, versionId, algorithm, RandomDigest());

        Expect.InvalidParameter(response, "Algorithm");
    }

    [Fact]
    public async Task AsymmetricSign_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await Sign(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "ECDSA_SHA_256", RandomDigest());

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task AsymmetricSign_UnknownVersion_ReturnsKeyVersionNotFound()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await Sign(keyId, Guid.NewGuid().ToString(), "ECDSA_SHA_256", RandomDigest());

        Expect.Error(response, "Forbidden.KeyVersionNotFound", 404, "The specified KeyVersion is not found.");
    }

    [Theory]
    [InlineData("RSA_2048", "ENCRYPT/DECRYPT", "RSA_PSS_SHA_256")]
    [InlineData("EC_SM2", "ENCRYPT/DECRYPT", "SM2DSA")]
    [InlineData("Aliyun_AES_256", null, "ECDSA_SHA_256")]
    [InlineData("HMAC_SHA256", null, "ECDSA_SHA_256")]
    public async Task AsymmetricSign_KeyOfAnotherKindOrUsage_ReturnsUnsupportedOperation(string spec, string? usage, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, usage);

        var response = await Sign(keyId, versionId, algorithm, RandomDigest());

        UnsupportedOperation(response);
    }

    [Fact]
    public async Task AsymmetricSign_DisabledKeyWithTheWrongAlgorithm_ReturnsRejectedDisabledFirst()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        var response = await Sign(keyId, versionId, "SM2DSA", RandomDigest());

        Disabled(response);
    }

    [Fact]
    public async Task AsymmetricSign_PendingDeletion_ReturnsRejectedPendingDeletion()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        var response = await Sign(keyId, versionId, "ECDSA_SHA_256", RandomDigest());

        PendingDeletion(response);
    }

    [Fact]
    public async Task AsymmetricSign_DryRun_ReturnsDryRunOperationError()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_P256");

        var response = await factory.Client.CallAsync("AsymmetricSign", Params.Of(
            ("Algorithm", "ECDSA_SHA_256"), ("Digest", Convert.ToBase64String(RandomDigest())), ("KeyId", keyId), ("KeyVersionId", versionId), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    [Fact]
    public async Task AsymmetricSign_OlderVersionAfterCreateKeyVersion_StillSignsAndVerifies()
    {
        var (keyId, first) = await factory.Client.CreatePairAsync("RSA_2048");
        Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
        var digest = RandomDigest();

        var signature = Expect.Ok(await Sign(keyId, first, "RSA_PKCS1_SHA_256", digest)).GetProperty("Value").GetString()!;

        var verified = Expect.Ok(await factory.Client.CallAsync("AsymmetricVerify", Params.Of(
            ("Algorithm", "RSA_PKCS1_SHA_256"), ("Digest", Convert.ToBase64String(digest)), ("KeyId", keyId), ("KeyVersionId", first), ("Value", signature))));
        Assert.True(verified.GetProperty("Value").GetBoolean());
    }

    private Task<Coffer.Testing.CofferResponse> Sign(string keyId, string versionId, string algorithm, byte[] digest) =>
        factory.Client.CallAsync("AsymmetricSign", Params.Of(
            ("Algorithm", algorithm), ("Digest", Convert.ToBase64String(digest)), ("KeyId", keyId), ("KeyVersionId", versionId)));
}
