using System.Text;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

/// <summary>GenerateAndExportDataKey on real Kestrel, with recipient keys made and opened by the openssl command.</summary>
public sealed class GenerateAndExportDataKeyTests(CofferApplicationFactory factory, OpenSslRecipient recipient)
    : IClassFixture<CofferApplicationFactory>, IClassFixture<OpenSslRecipient>
{
    public static TheoryData<string, string> Wrappings => new()
    {
        { "RSAES_OAEP_SHA_256", "RSA_2048" },
        { "RSAES_OAEP_SHA_1", "RSA_2048" },
        { "RSAES_PKCS1_V1_5", "RSA_2048" },
        { "SM2PKE", "EC_SM2" },
    };

    [Theory]
    [MemberData(nameof(Wrappings))]
    public async Task GenerateAndExportDataKey_OpenSslKey_ExportedKeyDecryptsInOpenSslToTheKeyTheBlobHolds(string algorithm, string keySpec)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateAndExportDataKey", Call(keyId, algorithm, keySpec, ("EncryptionContext", "{\"to\":\"openssl\"}")));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "CiphertextBlob", "ExportedDataKey", "KeyId", "KeyVersionId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        var blob = json.GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal(json.GetProperty("KeyVersionId").GetString(), Encoding.ASCII.GetString(Convert.FromBase64String(blob), 0, 36));
        var text = Expect.Ok(await factory.Client.DecryptAsync(blob, "{\"to\":\"openssl\"}")).GetProperty("Plaintext").GetString()!;
        var dataKey = recipient.Decrypt(keySpec, algorithm, json.GetProperty("ExportedDataKey").GetString()!);
        Assert.Equal(32, dataKey.Length);
        Assert.Equal(Convert.FromBase64String(text), dataKey);
    }

    [Theory]
    [InlineData("KeySpec", "AES_128", "RSAES_OAEP_SHA_256", 16)]
    [InlineData("NumberOfBytes", "190", "RSAES_OAEP_SHA_256", 190)]
    [InlineData("NumberOfBytes", "214", "RSAES_OAEP_SHA_1", 214)]
    [InlineData("NumberOfBytes", "245", "RSAES_PKCS1_V1_5", 245)]
    [InlineData("NumberOfBytes", "1024", "SM2PKE", 1024)]
    public async Task GenerateAndExportDataKey_Length_IsWhatWasAskedFor(string name, string value, string algorithm, int expected)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var keySpec = algorithm == "SM2PKE" ? "EC_SM2" : "RSA_2048";

        var json = Expect.Ok(await factory.Client.CallAsync("GenerateAndExportDataKey", Call(keyId, algorithm, keySpec, (name, value))));

        var dataKey = recipient.Decrypt(keySpec, algorithm, json.GetProperty("ExportedDataKey").GetString()!);
        Assert.Equal(expected, dataKey.Length);
        var text = Expect.Ok(await factory.Client.DecryptAsync(json.GetProperty("CiphertextBlob").GetString()!)).GetProperty("Plaintext").GetString();
        Assert.Equal(Convert.ToBase64String(dataKey), text);
    }

    [Theory]
    [InlineData(WirePlacement.GetQuery)]
    [InlineData(WirePlacement.PostForm)]
    [InlineData(WirePlacement.Terraform)]
    public async Task GenerateAndExportDataKey_AliasInEveryPlacementAndDottedContext_Works(WirePlacement placement)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await factory.Client.CreateAliasAsync($"alias/export-{placement}", keyId);

        var response = await factory.Client.CallAsync(
            "GenerateAndExportDataKey", Call($"alias/export-{placement}", "SM2PKE", "EC_SM2", ("EncryptionContext.k", "v")), placement);

        var json = Expect.Ok(response);
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        var text = Expect.Ok(await factory.Client.DecryptAsync(json.GetProperty("CiphertextBlob").GetString()!, "{\"k\":\"v\"}")).GetProperty("Plaintext").GetString();
        Assert.Equal(text, Convert.ToBase64String(recipient.Decrypt("EC_SM2", "SM2PKE", json.GetProperty("ExportedDataKey").GetString()!)));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_SignedV3AndKeyArn_Works()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallSignedV3Async("GenerateAndExportDataKey", Call(factory.KeyArn(keyId), "RSAES_OAEP_SHA_256", "RSA_2048"));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task GenerateAndExportDataKey_FormatXml_AnswersTheFieldsInXml()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateAndExportDataKey", Call(keyId, "SM2PKE", "EC_SM2", ("Format", "XML")));

        Assert.Equal(200, (int)response.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><GenerateAndExportDataKeyResponse><RequestId>", response.Text, StringComparison.Ordinal);
        Assert.Contains($"<KeyId>{keyId}</KeyId>", response.Text, StringComparison.Ordinal);
        Assert.Contains("<ExportedDataKey>", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyId")]
    [InlineData("PublicKeyBlob")]
    [InlineData("WrappingAlgorithm")]
    [InlineData("WrappingKeySpec")]
    public async Task GenerateAndExportDataKey_RequiredParameterAbsentOrEmpty_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("KeyId", "k"), ("PublicKeyBlob", "AAAA"), ("WrappingAlgorithm", "x"), ("WrappingKeySpec", "y"), ("NumberOfBytes", "abc"));
        parameters.Remove(name);
        var empty = new Dictionary<string, string>(parameters) { [name] = "" };

        Expect.MissingParameter(await factory.Client.CallAsync("GenerateAndExportDataKey", parameters), name);
        Expect.MissingParameter(await factory.Client.CallAsync("GenerateAndExportDataKey", empty), name);
    }

    [Fact]
    public async Task GenerateAndExportDataKey_NothingGiven_NamesKeyIdFirst()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("GenerateAndExportDataKey", Params.Of()), "KeyId");
    }

    [Theory]
    [InlineData("NumberOfBytes", "0")]
    [InlineData("NumberOfBytes", "1025")]
    [InlineData("NumberOfBytes", "191")]
    [InlineData("NumberOfBytes", "x")]
    [InlineData("KeySpec", "AES_192")]
    [InlineData("EncryptionContext", "{\"a\":1}")]
    [InlineData("DryRun", "yes")]
    [InlineData("PublicKeyBlob", "not base64!")]
    [InlineData("PublicKeyBlob", "aGVsbG8=")]
    [InlineData("PublicKeyBlob", "RSA_3072")]
    [InlineData("PublicKeyBlob", "EC_SM2")]
    [InlineData("PublicKeyBlob", "EC_P256")]
    [InlineData("WrappingAlgorithm", "RSAES_OAEP_SHA_512")]
    [InlineData("WrappingAlgorithm", "SM2PKE")]
    [InlineData("WrappingKeySpec", "RSA_3072")]
    [InlineData("WrappingKeySpec", "rsa_2048")]
    public async Task GenerateAndExportDataKey_InvalidValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Call(keyId, "RSAES_OAEP_SHA_256", "RSA_2048");
        parameters[name] = name == "PublicKeyBlob" && OpenSslRecipient.Kinds.Contains(value) ? recipient.PublicKeyBlob(value) : value;

        Expect.InvalidParameter(await factory.Client.CallAsync("GenerateAndExportDataKey", parameters), name);
    }

    [Fact]
    public async Task GenerateAndExportDataKey_RsaKeyForSm2_ReturnsInvalidParameterPublicKeyBlob()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Call(keyId, "SM2PKE", "EC_SM2");
        parameters["PublicKeyBlob"] = recipient.PublicKeyBlob("RSA_2048");

        Expect.InvalidParameter(await factory.Client.CallAsync("GenerateAndExportDataKey", parameters), "PublicKeyBlob");
    }

    [Fact]
    public async Task GenerateAndExportDataKey_UnknownKeyWithABadPublicKey_ReturnsInvalidParameterBeforeThe404()
    {
        var parameters = Call(Guid.NewGuid().ToString(), "RSAES_OAEP_SHA_256", "RSA_2048");
        parameters["PublicKeyBlob"] = "AAAA";

        Expect.InvalidParameter(await factory.Client.CallAsync("GenerateAndExportDataKey", parameters), "PublicKeyBlob");
    }

    [Fact]
    public async Task GenerateAndExportDataKey_UnknownKeyOrAlias_Returns404()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("GenerateAndExportDataKey", Call(Guid.NewGuid().ToString(), "SM2PKE", "EC_SM2")));
        Expect.AliasNotFound(await factory.Client.CallAsync("GenerateAndExportDataKey", Call("alias/nowhere", "SM2PKE", "EC_SM2")));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_DisabledOrPendingDeletionKey_Returns409()
    {
        var disabled = await factory.Client.DisabledKeyAsync();
        var pending = await factory.Client.PendingDeletionKeyAsync();

        KeyLifecycleCalls.Disabled(await factory.Client.CallAsync("GenerateAndExportDataKey", Call(disabled, "SM2PKE", "EC_SM2")));
        KeyLifecycleCalls.PendingDeletion(await factory.Client.CallAsync("GenerateAndExportDataKey", Call(pending, "SM2PKE", "EC_SM2")));
    }

    [Theory]
    [InlineData("RSA_2048", "ENCRYPT/DECRYPT")]
    [InlineData("EC_SM2", "SIGN/VERIFY")]
    [InlineData("HMAC_SHA256", null)]
    public async Task GenerateAndExportDataKey_KeyPairOrHmacKey_ReturnsRejectedUnsupportedOperation(string spec, string? usage)
    {
        var keyId = (await factory.Client.CreateSpecAsync(spec, usage)).GetProperty("KeyId").GetString()!;

        KeyPairCalls.UnsupportedOperation(await factory.Client.CallAsync("GenerateAndExportDataKey", Call(keyId, "SM2PKE", "EC_SM2")));
    }

    [Fact]
    public async Task GenerateAndExportDataKey_DryRun_ReturnsDryRunOperationError()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateAndExportDataKey", Call(keyId, "SM2PKE", "EC_SM2", ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    [Fact]
    public async Task GenerateAndExportDataKey_DryRunOnADisabledKey_ReturnsRejectedDisabled()
    {
        var disabled = await factory.Client.DisabledKeyAsync();

        KeyLifecycleCalls.Disabled(await factory.Client.CallAsync("GenerateAndExportDataKey", Call(disabled, "SM2PKE", "EC_SM2", ("DryRun", "true"))));
    }

    private Dictionary<string, string> Call(string keyId, string algorithm, string keySpec, params (string Name, string Value)[] more)
    {
        var parameters = Params.Of(("KeyId", keyId), ("PublicKeyBlob", recipient.PublicKeyBlob(keySpec)), ("WrappingAlgorithm", algorithm), ("WrappingKeySpec", keySpec));
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }
}
