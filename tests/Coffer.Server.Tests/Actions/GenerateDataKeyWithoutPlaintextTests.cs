using System.Text;

namespace Coffer.Server.Tests.Actions;

public sealed class GenerateDataKeyWithoutPlaintextTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task GenerateDataKeyWithoutPlaintext_Defaults_ReturnsOnlyTheBlobOfA32ByteKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "CiphertextBlob", "KeyId", "KeyVersionId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        var blob = json.GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal(json.GetProperty("KeyVersionId").GetString(), Encoding.ASCII.GetString(Convert.FromBase64String(blob), 0, 36));
        var dataKey = Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString()!;
        Assert.Equal(32, Convert.FromBase64String(dataKey).Length);
        Assert.Equal(64 + dataKey.Length, Convert.FromBase64String(blob).Length);
    }

    [Theory]
    [InlineData("AES_128", null, 16)]
    [InlineData(null, "1", 1)]
    [InlineData(null, "1024", 1024)]
    public async Task GenerateDataKeyWithoutPlaintext_SpecOrLength_WrapsKeyOfThatManyBytes(string? keySpec, string? numberOfBytes, int expected)
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

        var response = await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", parameters);

        var blob = Expect.Ok(response).GetProperty("CiphertextBlob").GetString()!;
        var dataKey = Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString()!;
        Assert.Equal(expected, Convert.FromBase64String(dataKey).Length);
    }

    [Theory]
    [InlineData("NumberOfBytes", "0")]
    [InlineData("NumberOfBytes", "1025")]
    [InlineData("NumberOfBytes", "abc")]
    [InlineData("KeySpec", "AES_512")]
    public async Task GenerateDataKeyWithoutPlaintext_InvalidValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", keyId), (name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task GenerateDataKeyWithoutPlaintext_DryRun_ReturnsDryRunOperationError()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", keyId), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400);
    }

    [Fact]
    public async Task GenerateDataKeyWithoutPlaintext_Alias_ReturnsAliasNotFound()
    {
        var response = await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext", Params.Of(("KeyId", "alias/x")));

        Expect.AliasNotFound(response);
    }

    [Fact]
    public async Task GenerateDataKeyWithoutPlaintext_NoKeyId_ReturnsMissingParameterKeyId()
    {
        var response = await factory.Client.CallAsync("GenerateDataKeyWithoutPlaintext");

        Expect.MissingParameter(response, "KeyId");
    }
}
