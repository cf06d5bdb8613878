using System.Text;

namespace Coffer.Server.Tests.Actions;

public sealed class EncryptTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task Encrypt_Plaintext_ReturnsBlobKeyIdAndPrimaryVersion()
    {
        var created = Expect.Ok(await factory.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");
        var keyId = created.GetProperty("KeyId").GetString()!;

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "hello")));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "CiphertextBlob", "KeyId", "KeyVersionId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        Assert.Equal(created.GetProperty("PrimaryKeyVersion").GetString(), json.GetProperty("KeyVersionId").GetString());
    }

    [Theory]
    [InlineData("hello world! this is not base64 {\"a\":1} ~~~")]
    [InlineData("aGVsbG8=")]
    [InlineData("a")]
    [InlineData(" leading and trailing spaces ")]
    [InlineData("line\nbreaks\r\nand\ttabs")]
    [InlineData("\u4e2d\u6587 \u00e9 \U0001F600")]
    public async Task Encrypt_AnyText_RoundTripsAsReceivedWithBlobOf64PlusItsBytes(string plaintext)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", plaintext)));

        var json = Expect.Ok(response);
        var blob = Convert.FromBase64String(json.GetProperty("CiphertextBlob").GetString()!);
        Assert.Equal(64 + Encoding.UTF8.GetByteCount(plaintext), blob.Length);
        Assert.Equal(json.GetProperty("KeyVersionId").GetString(), Encoding.ASCII.GetString(blob, 0, 36));
        var decrypted = Expect.Ok(await factory.Client.DecryptAsync(json.GetProperty("CiphertextBlob").GetString()!));
        Assert.Equal(plaintext, decrypted.GetProperty("Plaintext").GetString());
    }

    [Theory]
    [InlineData("p", 6144)]
    [InlineData("\u00e9", 3072)]
    [InlineData("\u4e2d", 2048)]
    public async Task Encrypt_Plaintext6144Utf8Bytes_Succeeds(string unit, int count)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var plaintext = string.Concat(Enumerable.Repeat(unit, count));

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", plaintext)), Testing.WirePlacement.PostForm);

        var blob = Convert.FromBase64String(Expect.Ok(response).GetProperty("CiphertextBlob").GetString()!);
        Assert.Equal(64 + 6144, blob.Length);
    }

    [Theory]
    [InlineData("p", 6144)]
    [InlineData("\u00e9", 3072)]
    [InlineData("\u4e2d", 2048)]
    public async Task Encrypt_Plaintext6145Utf8Bytes_ReturnsInvalidParameterPlaintext(string unit, int count)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var plaintext = string.Concat(Enumerable.Repeat(unit, count)) + "p";

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", plaintext)), Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "Plaintext");
    }

    [Fact]
    public async Task Encrypt_SamePlaintextTwice_GivesDifferentBlobs()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var first = await factory.Client.EncryptAsync(keyId, "same");
        var second = await factory.Client.EncryptAsync(keyId, "same");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Encrypt_KeyArn_ResolvesToTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}"), ("Plaintext", "x")));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task Encrypt_ArnOfAnotherAccount_ReturnsKeyNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", $"acs:kms:cn-hangzhou:1000000000000001:key/{keyId}"), ("Plaintext", "x")));

        Expect.KeyNotFound(response);
    }

    [Theory]
    [InlineData("alias/x")]
    [InlineData("alias/my-key")]
    public async Task Encrypt_Alias_ReturnsAliasNotFound(string alias)
    {
        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", alias), ("Plaintext", "x")));

        Expect.AliasNotFound(response);
    }

    [Fact]
    public async Task Encrypt_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Plaintext", "x")));

        Expect.KeyNotFound(response);
    }

    [Theory]
    [InlineData("KeyId")]
    [InlineData("Plaintext")]
    public async Task Encrypt_RequiredParameterAbsentOrEmpty_ReturnsMissingParameterNamingIt(string name)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = Params.Of(("KeyId", keyId), ("Plaintext", "x"));
        parameters.Remove(name);
        var empty = new Dictionary<string, string>(parameters) { [name] = "" };

        var absent = await factory.Client.CallAsync("Encrypt", parameters);
        var blank = await factory.Client.CallAsync("Encrypt", empty);

        Expect.MissingParameter(absent, name);
        Expect.MissingParameter(blank, name);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[\"a\"]")]
    [InlineData("\"a\"")]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"a\":true}")]
    [InlineData("{\"a\":null}")]
    [InlineData("{\"a\":{\"b\":\"c\"}}")]
    [InlineData("{\"a\":[\"b\"]}")]
    [InlineData("{\"a\":\"b\",\"a\":\"c\"}")]
    [InlineData("{\"a\":\"b\"")]
    [InlineData("{a:\"b\"}")]
    [InlineData("{\"a\":\"b\"} {}")]
    [InlineData("not json")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"\\udc00\":\"a\"}")]
    public async Task Encrypt_MalformedEncryptionContext_ReturnsInvalidParameterEncryptionContext(string context)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext", context)));

        Expect.InvalidParameter(response, "EncryptionContext");
    }

    [Fact]
    public async Task Encrypt_EncryptionContextOver8192Characters_ReturnsInvalidParameterEncryptionContext()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var context = "{\"k\":\"" + new string('v', 8192) + "\"}";

        var response = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext", context)), Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "EncryptionContext");
    }

    [Fact]
    public async Task Encrypt_EncryptionContextOfExactly8192Characters_IsAccepted()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var context = "{\"k\":\"" + new string('v', 8192 - 8) + "\"}";
        Assert.Equal(8192, context.Length);

        var response = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext", context)), Testing.WirePlacement.PostForm);

        var blob = Expect.Ok(response).GetProperty("CiphertextBlob").GetString()!;
        Assert.Equal("x", Expect.Ok(await factory.Client.DecryptAsync(blob, context)).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Encrypt_JsonAndDottedContextTogether_ReturnsInvalidParameterEncryptionContext()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext", "{\"a\":\"b\"}"), ("EncryptionContext.c", "d")));

        Expect.InvalidParameter(response, "EncryptionContext");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    public async Task Encrypt_DryRun_ReturnsDryRunOperationErrorWithoutCiphertext(string dryRun)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("DryRun", dryRun)));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
        Assert.DoesNotContain("CiphertextBlob", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_DryRunFalse_Encrypts()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("DryRun", "false")));

        Expect.Ok(response);
    }

    [Fact]
    public async Task Encrypt_DryRunOfUnknownKey_RunsTheChecksAndReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Plaintext", "x"), ("DryRun", "true")));

        Expect.KeyNotFound(response);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public async Task Encrypt_MalformedDryRun_ReturnsInvalidParameterDryRun(string dryRun)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("DryRun", dryRun)));

        Expect.InvalidParameter(response, "DryRun");
    }
}
