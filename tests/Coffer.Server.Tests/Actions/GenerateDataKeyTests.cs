using System.Text;

namespace Coffer.Server.Tests.Actions;

public sealed class GenerateDataKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task GenerateDataKey_Defaults_Returns32ByteKeyWhoseBlobDecryptsToItsBase64Text()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "CiphertextBlob", "KeyId", "KeyVersionId", "Plaintext"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        var plaintext = json.GetProperty("Plaintext").GetString()!;
        Assert.Equal(32, Convert.FromBase64String(plaintext).Length);
        var blob = Convert.FromBase64String(json.GetProperty("CiphertextBlob").GetString()!);
        Assert.Equal(64 + plaintext.Length, blob.Length);
        Assert.Equal(json.GetProperty("KeyVersionId").GetString(), Encoding.ASCII.GetString(blob, 0, 36));
        var decrypted = Expect.Ok(await factory.Client.DecryptAsync(json.GetProperty("CiphertextBlob").GetString()!));
        Assert.Equal(plaintext, decrypted.GetProperty("Plaintext").GetString());
    }

    [Theory]
    [InlineData("AES_256", null, 32)]
    [InlineData("AES_128", null, 16)]
    [InlineData(null, "1", 1)]
    [InlineData(null, "16", 16)]
    [InlineData(null, "1024", 1024)]
    public async Task GenerateDataKey_SpecOrLength_ReturnsKeyOfThatManyBytes(string? keySpec, string? numberOfBytes, int expected)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Params.Of(("KeyId", keyId));
        if (keySpec is not null)
        {
            parameters["KeySpec"] = keySpec;
        }

        if (numberOfBytes is not null)
        {
            parameters["NumberOfBytes"] = numberOfBytes;
        }

        var response = await factory.Client.CallAsync("GenerateDataKey", parameters);

        var json = Expect.Ok(response);
        Assert.Equal(expected, Convert.FromBase64String(json.GetProperty("Plaintext").GetString()!).Length);
        var decrypted = Expect.Ok(await factory.Client.DecryptAsync(json.GetProperty("CiphertextBlob").GetString()!));
        Assert.Equal(json.GetProperty("Plaintext").GetString(), decrypted.GetProperty("Plaintext").GetString());
    }

    [Theory]
    [InlineData("NumberOfBytes", "0")]
    [InlineData("NumberOfBytes", "1025")]
    [InlineData("NumberOfBytes", "abc")]
    [InlineData("NumberOfBytes", "-1")]
    [InlineData("NumberOfBytes", "32.0")]
    [InlineData("NumberOfBytes", "4294967328")]
    [InlineData("KeySpec", "AES_512")]
    [InlineData("KeySpec", "aes_256")]
    [InlineData("KeySpec", "Aliyun_AES_256")]
    public async Task GenerateDataKey_InvalidValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), (name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task GenerateDataKey_TwoCalls_ReturnDifferentKeys()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var first = Expect.Ok(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId)))).GetProperty("Plaintext").GetString();
        var second = Expect.Ok(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId)))).GetProperty("Plaintext").GetString();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task GenerateDataKey_WithContext_BlobNeedsTheSameContext()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), ("EncryptionContext", "{\"k\":\"v\"}")));

        var json = Expect.Ok(response);
        var blob = json.GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal(json.GetProperty("Plaintext").GetString(), Expect.Ok(await factory.Client.DecryptAsync(blob, "{\"k\":\"v\"}")).GetProperty("Plaintext").GetString());
        Expect.InvalidParameter(await factory.Client.DecryptAsync(blob), "CiphertextBlob");
    }

    [Fact]
    public async Task GenerateDataKey_DryRun_ReturnsDryRunOperationErrorWithoutKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    [Fact]
    public async Task GenerateDataKey_KeyArn_ResolvesToTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}")));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task GenerateDataKey_Alias_ReturnsAliasNotFound()
    {
        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", "alias/x")));

        Expect.AliasNotFound(response);
    }

    [Fact]
    public async Task GenerateDataKey_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", Guid.NewGuid().ToString())));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task GenerateDataKey_NoKeyIdAndMalformedLength_ReturnsMissingParameterKeyIdFirst()
    {
        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("NumberOfBytes", "abc")));

        Expect.MissingParameter(response, "KeyId");
    }

    [Fact]
    public async Task GenerateDataKey_RecipientOfALaterIssue_ReturnsInvalidParameterRecipient()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId), ("Recipient", "{}")));

        Expect.InvalidParameter(response, "Recipient");
    }
}
