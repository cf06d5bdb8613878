using System.Text;
using Coffer.Testing;

namespace Coffer.Server.Tests.Actions;

public sealed class ReEncryptTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task ReEncrypt_ToAnotherKey_AnswersTheDestinationAndTheNewBlobDecrypts()
    {
        var source = await factory.Client.CreateKeyAsync();
        var created = Expect.Ok(await factory.Client.CallAsync("CreateKey", Params.Of(("KeySpec", "Aliyun_SM4")))).GetProperty("KeyMetadata");
        var destination = created.GetProperty("KeyId").GetString()!;
        var blob = await factory.Client.EncryptAsync(source, "move me", "{\"a\":\"1\"}");

        var response = await factory.Client.CallAsync(
            "ReEncrypt",
            Params.Of(
                ("CiphertextBlob", blob),
                ("SourceEncryptionContext", "{\"a\":\"1\"}"),
                ("DestinationKeyId", destination),
                ("DestinationEncryptionContext", "{\"b\":\"2\"}")));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "CiphertextBlob", "KeyId", "KeyVersionId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(destination, json.GetProperty("KeyId").GetString());
        var version = json.GetProperty("KeyVersionId").GetString()!;
        Assert.Equal(created.GetProperty("PrimaryKeyVersion").GetString(), version);
        var newBlob = json.GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal(version, Encoding.ASCII.GetString(Convert.FromBase64String(newBlob), 0, 36));
        var decrypted = Expect.Ok(await factory.Client.DecryptAsync(newBlob, "{\"b\":\"2\"}"));
        Assert.Equal("move me", decrypted.GetProperty("Plaintext").GetString());
        Assert.Equal(destination, decrypted.GetProperty("KeyId").GetString());
        Expect.InvalidParameter(await factory.Client.DecryptAsync(newBlob, "{\"a\":\"1\"}"), "CiphertextBlob");
    }

    [Theory]
    [InlineData(WirePlacement.GetQuery)]
    [InlineData(WirePlacement.PostForm)]
    [InlineData(WirePlacement.Terraform)]
    public async Task ReEncrypt_DestinationByAliasOrAliasArnInEveryPlacement_ResolvesToTheKey(WirePlacement placement)
    {
        var source = await factory.Client.CreateKeyAsync();
        var destination = await factory.Client.CreateKeyAsync();
        var alias = $"alias/reencrypt-{placement}";
        await factory.Client.CreateAliasAsync(alias, destination);
        var blob = await factory.Client.EncryptAsync(source, "x");

        var byName = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", alias)), placement);
        var byArn = await factory.Client.CallAsync(
            "ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:{alias}")), placement);

        Assert.Equal(destination, Expect.Ok(byName).GetProperty("KeyId").GetString());
        Assert.Equal(destination, Expect.Ok(byArn).GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task ReEncrypt_DottedContexts_SameAsJson()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x", "{\"a\":\"1\"}");

        var response = await factory.Client.CallAsync(
            "ReEncrypt",
            Params.Of(("CiphertextBlob", blob), ("SourceEncryptionContext.a", "1"), ("DestinationKeyId", keyId), ("DestinationEncryptionContext.b", "2")));

        var newBlob = Expect.Ok(response).GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal("x", Expect.Ok(await factory.Client.DecryptAsync(newBlob, "{\"b\":\"2\"}")).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task ReEncrypt_SignedV3_Succeeds()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x");

        var response = await factory.Client.CallSignedV3Async("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId)));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyId").GetString());
    }

    [Theory]
    [InlineData("CiphertextBlob")]
    [InlineData("DestinationKeyId")]
    public async Task ReEncrypt_RequiredParameterAbsentOrEmpty_ReturnsMissingParameterNamingIt(string name)
    {
        var parameters = Params.Of(("CiphertextBlob", "AAAA"), ("DestinationKeyId", "k"));
        parameters.Remove(name);
        var empty = new Dictionary<string, string>(parameters) { [name] = "" };

        Expect.MissingParameter(await factory.Client.CallAsync("ReEncrypt", parameters), name);
        Expect.MissingParameter(await factory.Client.CallAsync("ReEncrypt", empty), name);
    }

    [Theory]
    [InlineData("SourceKeyId")]
    [InlineData("SourceKeyVersionId")]
    [InlineData("SourceEncryptionAlgorithm")]
    public async Task ReEncrypt_AsymmetricSourceParameter_ReturnsInvalidParameterNamingIt(string name)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId), (name, "RSAES_OAEP_SHA_256")));

        Expect.InvalidParameter(response, name);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public async Task ReEncrypt_MalformedBlob_ReturnsInvalidParameterCiphertextBlob(string blob)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        Expect.InvalidParameter(await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId))), "CiphertextBlob");
    }

    [Fact]
    public async Task ReEncrypt_WrongSourceContext_ReturnsInvalidParameterCiphertextBlob()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x", "{\"a\":\"1\"}");

        var response = await factory.Client.CallAsync(
            "ReEncrypt", Params.Of(("CiphertextBlob", blob), ("SourceEncryptionContext", "{\"a\":\"2\"}"), ("DestinationKeyId", keyId)));

        Expect.InvalidParameter(response, "CiphertextBlob");
    }

    [Theory]
    [InlineData("SourceEncryptionContext")]
    [InlineData("DestinationEncryptionContext")]
    public async Task ReEncrypt_ContextNotAStringMap_ReturnsInvalidParameterNamingIt(string name)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId), (name, "{\"a\":1}")));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task ReEncrypt_UnknownDestination_ReturnsKeyNotFoundOrAliasNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x");

        Expect.KeyNotFound(await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", Guid.NewGuid().ToString()))));
        Expect.AliasNotFound(await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", "alias/nowhere"))));
    }

    [Fact]
    public async Task ReEncrypt_BlobOfAnUnknownVersion_ReturnsKeyNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var bytes = Convert.FromBase64String(await factory.Client.EncryptAsync(keyId, "x"));
        Encoding.ASCII.GetBytes(Guid.NewGuid().ToString()).CopyTo(bytes, 0);

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", Convert.ToBase64String(bytes)), ("DestinationKeyId", keyId)));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task ReEncrypt_SourceDisabled_ReturnsRejectedDisabled()
    {
        var source = await factory.Client.CreateKeyAsync();
        var destination = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(source, "x");
        await factory.Client.DisableKeyAsync(source);

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", destination)));

        Expect.Error(response, "Rejected.Disabled", 409, "The request was rejected because the key state is Disabled.");
    }

    [Fact]
    public async Task ReEncrypt_DestinationPendingDeletion_ReturnsRejectedPendingDeletion()
    {
        var source = await factory.Client.CreateKeyAsync();
        var destination = await factory.Client.CreateKeyAsync();
        await factory.Client.ScheduleKeyDeletionAsync(destination);
        var blob = await factory.Client.EncryptAsync(source, "x");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", destination)));

        Expect.Error(response, "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion.");
    }

    [Fact]
    public async Task ReEncrypt_DryRun_ReturnsDryRunOperationError()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    [Fact]
    public async Task ReEncrypt_DryRunOfADisabledDestination_ReturnsTheStateError()
    {
        var source = await factory.Client.CreateKeyAsync();
        var destination = await factory.Client.CreateKeyAsync();
        await factory.Client.DisableKeyAsync(destination);
        var blob = await factory.Client.EncryptAsync(source, "x");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", destination), ("DryRun", "true")));

        Expect.Error(response, "Rejected.Disabled", 409, "The request was rejected because the key state is Disabled.");
    }

    [Fact]
    public async Task ReEncrypt_DryRunNotABoolean_ReturnsInvalidParameterDryRun()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "x");

        var response = await factory.Client.CallAsync("ReEncrypt", Params.Of(("CiphertextBlob", blob), ("DestinationKeyId", keyId), ("DryRun", "1")));

        Expect.InvalidParameter(response, "DryRun");
    }
}
