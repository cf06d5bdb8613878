using System.Text;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

/// <summary>ExportDataKey on real Kestrel, with recipient keys made and opened by the openssl command.</summary>
public sealed class ExportDataKeyTests(CofferApplicationFactory factory, OpenSslRecipient recipient)
    : IClassFixture<CofferApplicationFactory>, IClassFixture<OpenSslRecipient>
{
    public static TheoryData<string, string> Wrappings => GenerateAndExportDataKeyTests.Wrappings;

    [Theory]
    [MemberData(nameof(Wrappings))]
    public async Task ExportDataKey_GenerateDataKeyBlob_DecryptsInOpenSslToItsPlaintext(string algorithm, string keySpec)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var generated = Expect.Ok(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), ("EncryptionContext", "{\"to\":\"openssl\"}"))));

        var response = await factory.Client.CallAsync(
            "ExportDataKey", Call(generated.GetProperty("CiphertextBlob").GetString()!, algorithm, keySpec, ("EncryptionContext", "{\"to\":\"openssl\"}")));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "ExportedDataKey", "KeyId", "KeyVersionId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        Assert.Equal(generated.GetProperty("KeyVersionId").GetString(), json.GetProperty("KeyVersionId").GetString());
        var dataKey = recipient.Decrypt(keySpec, algorithm, json.GetProperty("ExportedDataKey").GetString()!);
        Assert.Equal(Convert.FromBase64String(generated.GetProperty("Plaintext").GetString()!), dataKey);
    }

    [Theory]
    [MemberData(nameof(Wrappings))]
    public async Task ExportDataKey_WithoutPlaintextBlob_DecryptsInOpenSslToWhatDecryptGives(string algorithm, string keySpec)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = Expect.Ok(await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", keyId), ("NumberOfBytes", "16"))))
            .GetProperty("CiphertextBlob").GetString()!;

        var json = Expect.Ok(await factory.Client.CallAsync("ExportDataKey", Call(blob, algorithm, keySpec)));

        var text = Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString()!;
        var dataKey = recipient.Decrypt(keySpec, algorithm, json.GetProperty("ExportedDataKey").GetString()!);
        Assert.Equal(16, dataKey.Length);
        Assert.Equal(Convert.FromBase64String(text), dataKey);
    }

    [Theory]
    [InlineData(WirePlacement.GetQuery)]
    [InlineData(WirePlacement.PostForm)]
    [InlineData(WirePlacement.Terraform)]
    public async Task ExportDataKey_EveryPlacementWithADottedContext_Works(WirePlacement placement)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var generated = Expect.Ok(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), ("EncryptionContext", "{\"k\":\"v\"}"))));

        var response = await factory.Client.CallAsync(
            "ExportDataKey", Call(generated.GetProperty("CiphertextBlob").GetString()!, "RSAES_OAEP_SHA_1", "RSA_2048", ("EncryptionContext.k", "v")), placement);

        var dataKey = recipient.Decrypt("RSA_2048", "RSAES_OAEP_SHA_1", Expect.Ok(response).GetProperty("ExportedDataKey").GetString()!);
        Assert.Equal(generated.GetProperty("Plaintext").GetString(), Convert.ToBase64String(dataKey));
    }

    [Fact]
    public async Task ExportDataKey_SignedV3_Works()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var generated = Expect.Ok(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId))));

        var response = await factory.Client.CallSignedV3Async("ExportDataKey", Call(generated.GetProperty("CiphertextBlob").GetString()!, "SM2PKE", "EC_SM2"));

        var dataKey = recipient.Decrypt("EC_SM2", "SM2PKE", Expect.Ok(response).GetProperty("ExportedDataKey").GetString()!);
        Assert.Equal(generated.GetProperty("Plaintext").GetString(), Convert.ToBase64String(dataKey));
    }

    [Theory]
    [InlineData("CiphertextBlob")]
    [InlineData("PublicKeyBlob")]
    [InlineData("WrappingAlgorithm")]
    [InlineData("WrappingKeySpec")]
    public async Task ExportDataKey_RequiredParameterAbsentOrEmpty_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("CiphertextBlob", "AAAA"), ("PublicKeyBlob", "AAAA"), ("WrappingAlgorithm", "x"), ("WrappingKeySpec", "y"), ("DryRun", "maybe"));
        parameters.Remove(name);
        var empty = new Dictionary<string, string>(parameters) { [name] = "" };

        Expect.MissingParameter(await factory.Client.CallAsync("ExportDataKey", parameters), name);
        Expect.MissingParameter(await factory.Client.CallAsync("ExportDataKey", empty), name);
    }

    [Theory]
    [InlineData("EncryptionContext", "[\"a\"]")]
    [InlineData("DryRun", "1")]
    [InlineData("PublicKeyBlob", "not base64!")]
    [InlineData("PublicKeyBlob", "RSA_3072")]
    [InlineData("PublicKeyBlob", "EC_SM2")]
    [InlineData("WrappingAlgorithm", "RSAES_OAEP_SHA_384")]
    [InlineData("WrappingAlgorithm", "SM2PKE")]
    [InlineData("WrappingKeySpec", "EC_P256")]
    [InlineData("WrappingKeySpec", "RSA_4096")]
    public async Task ExportDataKey_InvalidValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var blob = await DataKeyBlobAsync();
        var parameters = Call(blob, "RSAES_PKCS1_V1_5", "RSA_2048");
        parameters[name] = name == "PublicKeyBlob" && OpenSslRecipient.Kinds.Contains(value) ? recipient.PublicKeyBlob(value) : value;

        Expect.InvalidParameter(await factory.Client.CallAsync("ExportDataKey", parameters), name);
    }

    [Fact]
    public async Task ExportDataKey_P256KeyForSm2_ReturnsInvalidParameterPublicKeyBlob()
    {
        var parameters = Call(await DataKeyBlobAsync(), "SM2PKE", "EC_SM2");
        parameters["PublicKeyBlob"] = recipient.PublicKeyBlob("EC_P256");

        Expect.InvalidParameter(await factory.Client.CallAsync("ExportDataKey", parameters), "PublicKeyBlob");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("tampered")]
    [InlineData("wrong context")]
    [InlineData("not a data key")]
    [InlineData("too long for OAEP SHA-256")]
    public async Task ExportDataKey_BlobFailure_ReturnsInvalidParameterCiphertextBlob(string what)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var generated = Expect.Ok(await factory.Client.CallAsync(
            "GenerateDataKey", Params.Of(("KeyId", keyId), ("NumberOfBytes", what.StartsWith("too long", StringComparison.Ordinal) ? "191" : "32"))));
        var blob = generated.GetProperty("CiphertextBlob").GetString()!;
        var context = what == "wrong context" ? "{\"a\":\"b\"}" : "{}";
        blob = what switch
        {
            "not base64!" or "AAAA" => what,
            "tampered" => Tamper(blob),
            "not a data key" => await factory.Client.EncryptAsync(keyId, "plain text"),
            _ => blob,
        };

        var response = await factory.Client.CallAsync("ExportDataKey", Call(blob, "RSAES_OAEP_SHA_256", "RSA_2048", ("EncryptionContext", context)));

        Expect.InvalidParameter(response, "CiphertextBlob");
    }

    [Fact]
    public async Task ExportDataKey_MalformedBlobAndBadRecipient_NamesCiphertextBlobFirst()
    {
        var parameters = Call("AAAA", "RSAES_OAEP_SHA_256", "RSA_2048");
        parameters["WrappingAlgorithm"] = "nope";

        Expect.InvalidParameter(await factory.Client.CallAsync("ExportDataKey", parameters), "CiphertextBlob");
    }

    [Fact]
    public async Task ExportDataKey_BlobOfAnUnknownVersion_ReturnsKeyNotFound()
    {
        var bytes = Convert.FromBase64String(await DataKeyBlobAsync());
        Encoding.ASCII.GetBytes(Guid.NewGuid().ToString()).CopyTo(bytes, 0);

        Expect.KeyNotFound(await factory.Client.CallAsync("ExportDataKey", Call(Convert.ToBase64String(bytes), "SM2PKE", "EC_SM2")));
    }

    [Fact]
    public async Task ExportDataKey_UnknownVersionAndBadPublicKey_ReturnsInvalidParameterBeforeThe404()
    {
        var bytes = Convert.FromBase64String(await DataKeyBlobAsync());
        Encoding.ASCII.GetBytes(Guid.NewGuid().ToString()).CopyTo(bytes, 0);
        var parameters = Call(Convert.ToBase64String(bytes), "SM2PKE", "EC_SM2");
        parameters["PublicKeyBlob"] = recipient.PublicKeyBlob("RSA_2048");

        Expect.InvalidParameter(await factory.Client.CallAsync("ExportDataKey", parameters), "PublicKeyBlob");
    }

    [Fact]
    public async Task ExportDataKey_KeyDisabledOrPendingDeletion_Returns409EvenWithAWrongContext()
    {
        var disabled = await factory.Client.CreateKeyAsync();
        var pending = await factory.Client.CreateKeyAsync();
        var disabledBlob = await DataKeyBlobAsync(disabled);
        var pendingBlob = await DataKeyBlobAsync(pending);
        await factory.Client.DisableKeyAsync(disabled);
        await factory.Client.ScheduleKeyDeletionAsync(pending);

        KeyLifecycleCalls.Disabled(await factory.Client.CallAsync("ExportDataKey", Call(disabledBlob, "SM2PKE", "EC_SM2", ("EncryptionContext", "{\"x\":\"y\"}"))));
        KeyLifecycleCalls.PendingDeletion(await factory.Client.CallAsync("ExportDataKey", Call(pendingBlob, "SM2PKE", "EC_SM2")));
    }

    [Fact]
    public async Task ExportDataKey_DryRun_ReturnsDryRunOperationError()
    {
        var blob = await DataKeyBlobAsync();

        var response = await factory.Client.CallAsync("ExportDataKey", Call(blob, "SM2PKE", "EC_SM2", ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    [Fact]
    public async Task ExportDataKey_DryRunOfAWrongContext_ReturnsInvalidParameterCiphertextBlob()
    {
        var blob = await DataKeyBlobAsync();

        var response = await factory.Client.CallAsync("ExportDataKey", Call(blob, "SM2PKE", "EC_SM2", ("DryRun", "true"), ("EncryptionContext", "{\"x\":\"y\"}")));

        Expect.InvalidParameter(response, "CiphertextBlob");
    }

    private static string Tamper(string blob)
    {
        var bytes = Convert.FromBase64String(blob);
        bytes[^1] ^= 1;
        return Convert.ToBase64String(bytes);
    }

    private async Task<string> DataKeyBlobAsync(string? keyId = null)
    {
        keyId ??= await factory.Client.CreateKeyAsync();
        return Expect.Ok(await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", keyId)))).GetProperty("CiphertextBlob").GetString()!;
    }

    private Dictionary<string, string> Call(string blob, string algorithm, string keySpec, params (string Name, string Value)[] more)
    {
        var parameters = Params.Of(("CiphertextBlob", blob), ("PublicKeyBlob", recipient.PublicKeyBlob(keySpec)), ("WrappingAlgorithm", algorithm), ("WrappingKeySpec", keySpec));
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }
}
