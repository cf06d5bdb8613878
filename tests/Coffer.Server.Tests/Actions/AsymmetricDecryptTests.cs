using System.Text;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

/// <summary>AsymmetricEncrypt and AsymmetricDecrypt, with ciphertexts made by the openssl command from GetPublicKey's PEM.</summary>
public sealed class AsymmetricDecryptTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("RSA_2048", "RSAES_OAEP_SHA_256")]
    [InlineData("RSA_3072", "RSAES_OAEP_SHA_256")]
    [InlineData("RSA_2048", "RSAES_OAEP_SHA_1")]
    [InlineData("EC_SM2", "SM2PKE")]
    public async Task AsymmetricDecrypt_CiphertextMadeByOpenSslFromThePem_GivesThePlaintextBack(string spec, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, "ENCRYPT/DECRYPT");
        var pem = await factory.TempFileAsync("pub.pem", Encoding.ASCII.GetBytes(await factory.Client.PublicKeyPemAsync(keyId, versionId)));
        var plaintext = Encoding.UTF8.GetBytes("encrypted by openssl " + Guid.NewGuid());
        var input = await factory.TempFileAsync("pt", plaintext);
        var output = input + ".ct";
        string[] options = algorithm switch
        {
            "RSAES_OAEP_SHA_256" => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"],
            "RSAES_OAEP_SHA_1" => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1"],
            _ => [],
        };
        var (exit, _, error) = await OpenSslAsync(["pkeyutl", "-encrypt", "-pubin", "-inkey", pem, "-in", input, "-out", output, .. options]);
        Assert.True(exit == 0, error);
        var ciphertext = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);

        var json = Expect.Ok(await Decrypt(keyId, versionId, algorithm, Convert.ToBase64String(ciphertext)));

        Assert.Equal(["RequestId", "KeyId", "KeyVersionId", "Plaintext"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        Assert.Equal(versionId, json.GetProperty("KeyVersionId").GetString());
        Assert.Equal(plaintext, Convert.FromBase64String(json.GetProperty("Plaintext").GetString()!));
    }

    [Theory]
    [InlineData("RSA_2048", "RSAES_OAEP_SHA_256", 190)]
    [InlineData("RSA_2048", "RSAES_OAEP_SHA_1", 214)]
    [InlineData("RSA_3072", "RSAES_OAEP_SHA_256", 318)]
    [InlineData("EC_SM2", "SM2PKE", 6047)]
    public async Task AsymmetricEncrypt_LongestPlaintext_RoundTripsAndOneByteMoreIsInvalidParameterPlaintext(string spec, string algorithm, int longest)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, "ENCRYPT/DECRYPT");
        var plaintext = Enumerable.Range(0, longest).Select(i => (byte)(i % 251)).ToArray();

        var encrypted = Expect.Ok(await Encrypt(keyId, versionId, algorithm, plaintext));
        var tooLong = await Encrypt(keyId, versionId, algorithm, [.. plaintext, 0]);

        Assert.Equal(["RequestId", "CiphertextBlob", "KeyId", "KeyVersionId"], encrypted.EnumerateObject().Select(p => p.Name));
        var decrypted = Expect.Ok(await Decrypt(keyId, versionId, algorithm, encrypted.GetProperty("CiphertextBlob").GetString()!));
        Assert.Equal(plaintext, Convert.FromBase64String(decrypted.GetProperty("Plaintext").GetString()!));
        Expect.InvalidParameter(tooLong, "Plaintext");
    }

    [Fact]
    public async Task AsymmetricEncrypt_Sm2Ciphertext_IsGmT0009Der()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_SM2", "ENCRYPT/DECRYPT");

        var encrypted = Expect.Ok(await Encrypt(keyId, versionId, "SM2PKE", "hello"u8.ToArray()));

        // DER SEQUENCE{INTEGER x, INTEGER y, OCTET STRING C3, OCTET STRING C2}: openssl asn1parse reads exactly that.
        var der = await factory.TempFileAsync("ct", Convert.FromBase64String(encrypted.GetProperty("CiphertextBlob").GetString()!));
        var (exit, output, error) = await OpenSslAsync("asn1parse", "-inform", "DER", "-in", der);
        Assert.True(exit == 0, error);
        var types = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .Select(rest => rest.Split("  ")[0].Split(':')[0].Trim())
            .ToArray();
        Assert.Equal(["SEQUENCE", "INTEGER", "INTEGER", "OCTET STRING", "OCTET STRING"], types);
    }

    [Theory]
    [InlineData("RSA_2048", "RSAES_OAEP_SHA_256")]
    [InlineData("EC_SM2", "SM2PKE")]
    public async Task AsymmetricDecrypt_TamperedTruncatedOrForeignCiphertext_ReturnsOneInvalidParameterCiphertextBlob(string spec, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, "ENCRYPT/DECRYPT");
        var (otherKey, otherVersion) = await factory.Client.CreatePairAsync(spec, "ENCRYPT/DECRYPT");
        var ciphertext = Convert.FromBase64String(Expect.Ok(await Encrypt(keyId, versionId, algorithm, "secret"u8.ToArray()))
            .GetProperty("CiphertextBlob").GetString()!);
        var tampered = (byte[])ciphertext.Clone();
        tampered[^1] ^= 1;

        Expect.InvalidParameter(await Decrypt(keyId, versionId, algorithm, Convert.ToBase64String(tampered)), "CiphertextBlob");
        Expect.InvalidParameter(await Decrypt(keyId, versionId, algorithm, Convert.ToBase64String(ciphertext[..^5])), "CiphertextBlob");
        Expect.InvalidParameter(await Decrypt(keyId, versionId, algorithm, Convert.ToBase64String([.. ciphertext, 0])), "CiphertextBlob");
        Expect.InvalidParameter(await Decrypt(otherKey, otherVersion, algorithm, Convert.ToBase64String(ciphertext)), "CiphertextBlob");
        Expect.InvalidParameter(await Decrypt(keyId, versionId, algorithm, "not base64"), "CiphertextBlob");
    }

    [Fact]
    public async Task AsymmetricDecrypt_WrongOaepHash_ReturnsInvalidParameterCiphertextBlob()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("RSA_2048", "ENCRYPT/DECRYPT");
        var ciphertext = Expect.Ok(await Encrypt(keyId, versionId, "RSAES_OAEP_SHA_256", "secret"u8.ToArray())).GetProperty("CiphertextBlob").GetString()!;

        var response = await Decrypt(keyId, versionId, "RSAES_OAEP_SHA_1", ciphertext);

        Expect.InvalidParameter(response, "CiphertextBlob");
    }

    [Theory]
    [InlineData("RSA_2048", "SM2PKE")]
    [InlineData("EC_SM2", "RSAES_OAEP_SHA_256")]
    public async Task AsymmetricEncryptAndDecrypt_AlgorithmOfAnotherSpec_ReturnInvalidParameterAlgorithm(string spec, string algorithm)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, "ENCRYPT/DECRYPT");

        Expect.InvalidParameter(await Encrypt(keyId, versionId, algorithm, [1]), "Algorithm");
        Expect.InvalidParameter(await Decrypt(keyId, versionId, algorithm, "AAAA"), "Algorithm");
    }

    [Theory]
    [InlineData("RSA_2048", null)]
    [InlineData("EC_SM2", "SIGN/VERIFY")]
    [InlineData("Aliyun_SM4", null)]
    [InlineData("HMAC_SM3", null)]
    public async Task AsymmetricEncryptAndDecrypt_KeyOfAnotherKindOrUsage_ReturnUnsupportedOperation(string spec, string? usage)
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync(spec, usage);
        var algorithm = spec.StartsWith("RSA", StringComparison.Ordinal) ? "RSAES_OAEP_SHA_256" : "SM2PKE";

        UnsupportedOperation(await Encrypt(keyId, versionId, algorithm, [1]));
        UnsupportedOperation(await Decrypt(keyId, versionId, algorithm, "AAAA"));
    }

    [Fact]
    public async Task AsymmetricEncrypt_PlaintextNotBase64_ReturnsInvalidParameterPlaintext()
    {
        var response = await factory.Client.CallAsync("AsymmetricEncrypt", Params.Of(
            ("Algorithm", "SM2PKE"), ("KeyId", "k"), ("KeyVersionId", "v"), ("Plaintext", "plain text")));

        Expect.InvalidParameter(response, "Plaintext");
    }

    [Theory]
    [InlineData("AsymmetricEncrypt", "Plaintext")]
    [InlineData("AsymmetricDecrypt", "CiphertextBlob")]
    public async Task AsymmetricEncryptAndDecrypt_MissingData_ReturnsMissingParameter(string action, string missing)
    {
        var response = await factory.Client.CallAsync(action, Params.Of(("Algorithm", "SM2PKE"), ("KeyId", "k"), ("KeyVersionId", "v")));

        Expect.MissingParameter(response, missing);
    }

    [Fact]
    public async Task AsymmetricDecrypt_DisabledKey_ReturnsRejectedDisabledBeforeTouchingTheCiphertext()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_SM2", "ENCRYPT/DECRYPT");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        Disabled(await Decrypt(keyId, versionId, "SM2PKE", "AAAA"));
        Disabled(await Encrypt(keyId, versionId, "SM2PKE", [1]));
    }

    [Fact]
    public async Task AsymmetricDecrypt_OldVersionAfterCreateKeyVersion_StillDecrypts()
    {
        var (keyId, first) = await factory.Client.CreatePairAsync("RSA_2048", "ENCRYPT/DECRYPT");
        var ciphertext = Expect.Ok(await Encrypt(keyId, first, "RSAES_OAEP_SHA_1", "kept"u8.ToArray())).GetProperty("CiphertextBlob").GetString()!;

        Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));

        var decrypted = Expect.Ok(await Decrypt(keyId, first, "RSAES_OAEP_SHA_1", ciphertext));
        Assert.Equal("kept"u8.ToArray(), Convert.FromBase64String(decrypted.GetProperty("Plaintext").GetString()!));
    }

    [Fact]
    public async Task AsymmetricDecrypt_DryRunOfAGoodCiphertext_ReturnsDryRunOperationError()
    {
        var (keyId, versionId) = await factory.Client.CreatePairAsync("EC_SM2", "ENCRYPT/DECRYPT");
        var ciphertext = Expect.Ok(await Encrypt(keyId, versionId, "SM2PKE", "x"u8.ToArray())).GetProperty("CiphertextBlob").GetString()!;

        var response = await factory.Client.CallAsync("AsymmetricDecrypt", Params.Of(
            ("Algorithm", "SM2PKE"), ("CiphertextBlob", ciphertext), ("KeyId", keyId), ("KeyVersionId", versionId), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    private Task<Coffer.Testing.CofferResponse> Encrypt(string keyId, string versionId, string algorithm, byte[] plaintext) =>
        factory.Client.CallAsync("AsymmetricEncrypt", Params.Of(
            ("Algorithm", algorithm), ("KeyId", keyId), ("KeyVersionId", versionId), ("Plaintext", Convert.ToBase64String(plaintext))));

    private Task<Coffer.Testing.CofferResponse> Decrypt(string keyId, string versionId, string algorithm, string ciphertext) =>
        factory.Client.CallAsync("AsymmetricDecrypt", Params.Of(
            ("Algorithm", algorithm), ("CiphertextBlob", ciphertext), ("KeyId", keyId), ("KeyVersionId", versionId)));
}
