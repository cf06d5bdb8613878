using System.Text;

namespace Coffer.Server.Tests.Actions;

public sealed class DecryptTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const string Context = "{\"purpose\":\"test\",\"tenant\":\"t1\"}";

    public static TheoryData<string> SymmetricSpecs => ["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192", "Aliyun_SM4"];

    [Theory]
    [MemberData(nameof(SymmetricSpecs))]
    public async Task Decrypt_BlobOfEachSpec_ReturnsPlaintextKeyIdAndVersion(string keySpec)
    {
        var keyId = await factory.Client.CreateKeyAsync(keySpec);
        var encrypted = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "p"))));

        var response = await factory.Client.DecryptAsync(encrypted.GetProperty("CiphertextBlob").GetString()!);

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyId", "KeyVersionId", "Plaintext"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        Assert.Equal(encrypted.GetProperty("KeyVersionId").GetString(), json.GetProperty("KeyVersionId").GetString());
        Assert.Equal("p", json.GetProperty("Plaintext").GetString());
    }

    [Theory]
    [InlineData("{\"tenant\":\"t1\",\"purpose\":\"test\"}")]
    [InlineData("{ \"purpose\" : \"test\" , \"tenant\" : \"t1\" }")]
    [InlineData("{\"purpose\":\"\\u0074est\",\"tenant\":\"t1\"}")]
    public async Task Decrypt_SameContextWrittenDifferently_Decrypts(string context)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "p", Context);

        var response = await factory.Client.DecryptAsync(blob, context);

        Assert.Equal("p", Expect.Ok(response).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Decrypt_DottedContextForm_EqualsTheJsonForm()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "p", Context);

        var response = await factory.Client.CallAsync(
            "Decrypt", Params.Of(("CiphertextBlob", blob), ("EncryptionContext.tenant", "t1"), ("EncryptionContext.purpose", "test")));

        Assert.Equal("p", Expect.Ok(response).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Encrypt_DottedContextForm_DecryptsWithTheJsonForm()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var encrypted = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "p"), ("EncryptionContext.purpose", "test"), ("EncryptionContext.tenant", "t1")));

        var response = await factory.Client.DecryptAsync(Expect.Ok(encrypted).GetProperty("CiphertextBlob").GetString()!, Context);

        Assert.Equal("p", Expect.Ok(response).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Decrypt_DottedKeyHoldingDots_KeepsEverythingAfterTheFirstDot()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "p", "{\"a.b.c\":\"v\"}");

        var response = await factory.Client.CallAsync("Decrypt", Params.Of(("CiphertextBlob", blob), ("EncryptionContext.a.b.c", "v")));

        Assert.Equal("p", Expect.Ok(response).GetProperty("Plaintext").GetString());
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData(null, "{}")]
    [InlineData("{}", "")]
    [InlineData("", "{}")]
    public async Task Decrypt_EmptyObjectContext_EqualsNoContext(string? encryptContext, string? decryptContext)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "p", encryptContext);

        var response = await factory.Client.DecryptAsync(blob, decryptContext);

        Assert.Equal("p", Expect.Ok(response).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Decrypt_EveryKindOfBadBlob_ReturnsTheSameInvalidParameterCiphertextBlob()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var otherKeyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "some plaintext", Context);
        var plainBlob = await factory.Client.EncryptAsync(keyId, "some plaintext");
        var otherBlob = Convert.FromBase64String(await factory.Client.EncryptAsync(otherKeyId, "x"));
        var bytes = Convert.FromBase64String(blob);

        var cases = new List<(string Case, string Blob, string? Context)>
        {
            ("iv flipped", Flip(bytes, 40), Context),
            ("ciphertext flipped", Flip(bytes, 50), Context),
            ("tag flipped", Flip(bytes, bytes.Length - 1), Context),
            ("truncated by one", Convert.ToBase64String(bytes[..^1]), Context),
            ("one byte appended", Convert.ToBase64String([.. bytes, 0]), Context),
            ("version of another key", Convert.ToBase64String([.. otherBlob[..36], .. bytes[36..]]), Context),
            ("wrong context value", blob, "{\"purpose\":\"test\",\"tenant\":\"t2\"}"),
            ("context pair missing", blob, "{\"purpose\":\"test\"}"),
            ("context pair added", blob, "{\"purpose\":\"test\",\"tenant\":\"t1\",\"extra\":\"x\"}"),
            ("no context", blob, null),
            ("context where none was used", plainBlob, Context),
            ("not base64", "not base64 at all!", null),
            ("base64 alphabet violation", "####", null),
            ("63 bytes", Convert.ToBase64String(bytes[..63]), null),
            ("36 bytes", Convert.ToBase64String(bytes[..36]), null),
            ("3 bytes", "AAAA", null),
            ("zeros", Convert.ToBase64String(new byte[100]), null),
        };
        var answers = new List<string>();

        foreach (var (name, candidate, context) in cases)
        {
            var response = await factory.Client.DecryptAsync(candidate, context);
            answers.Add($"{name}: {(int)response.Status} {response.Code} {response.Json.GetProperty("Message").GetString()}");
        }

        Assert.Equal(cases.Select(c => $"{c.Case}: 400 InvalidParameter The specified parameter \"CiphertextBlob\" is not valid."), answers);
    }

    [Fact]
    public async Task Decrypt_WellFormedBlobOfUnknownVersion_ReturnsKeyNotFound()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var bytes = Convert.FromBase64String(await factory.Client.EncryptAsync(keyId, "some plaintext"));
        Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("D")).CopyTo(bytes, 0);

        var response = await factory.Client.DecryptAsync(Convert.ToBase64String(bytes));

        Expect.KeyNotFound(response);
    }

    [Fact]
    public async Task Decrypt_DryRun_ReturnsDryRunOperationErrorWithoutPlaintext()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "dry-run-plaintext");

        var response = await factory.Client.CallAsync("Decrypt", Params.Of(("CiphertextBlob", blob), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
        Assert.DoesNotContain("dry-run-plaintext", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_DryRunOfATamperedBlob_RunsTheChecksAndReturnsInvalidParameter()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var bytes = Convert.FromBase64String(await factory.Client.EncryptAsync(keyId, "p"));

        var response = await factory.Client.CallAsync("Decrypt", Params.Of(("CiphertextBlob", Flip(bytes, 50)), ("DryRun", "true")));

        Expect.InvalidParameter(response, "CiphertextBlob");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Decrypt_NoCiphertextBlob_ReturnsMissingParameterCiphertextBlob(string? blob)
    {
        var parameters = blob is null ? Params.Of() : Params.Of(("CiphertextBlob", blob));

        var response = await factory.Client.CallAsync("Decrypt", parameters);

        Expect.MissingParameter(response, "CiphertextBlob");
    }

    [Fact]
    public async Task Decrypt_RecipientOfALaterIssue_ReturnsInvalidParameterRecipient()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "p");

        var response = await factory.Client.CallAsync("Decrypt", Params.Of(("CiphertextBlob", blob), ("Recipient", "{\"AttestationDocument\":\"x\"}")));

        Expect.InvalidParameter(response, "Recipient");
    }

    [Fact]
    public async Task Decrypt_MalformedContext_ReturnsInvalidParameterEncryptionContext()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await factory.Client.EncryptAsync(keyId, "p");

        var response = await factory.Client.DecryptAsync(blob, "[\"a\"]");

        Expect.InvalidParameter(response, "EncryptionContext");
    }

    private static string Flip(byte[] blob, int index)
    {
        var copy = (byte[])blob.Clone();
        copy[index] ^= 0x01;
        return Convert.ToBase64String(copy);
    }
}
