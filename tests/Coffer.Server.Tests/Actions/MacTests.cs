using System.Text;
using System.Text.Json;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;
using static Coffer.Server.Tests.Actions.KeyPairCalls;

namespace Coffer.Server.Tests.Actions;

/// <summary>
/// GenerateMac and VerifyMac. HMAC material never leaves Coffer, so the known answers live in the crypto tests (the
/// HMAC vector files and openssl mac); here the API's contract is checked end to end.
/// </summary>
public sealed class MacTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("HMAC_SHA224", "HMAC_SHA_224", 28)]
    [InlineData("HMAC_SHA256", "HMAC_SHA_256", 32)]
    [InlineData("HMAC_SHA384", "HMAC_SHA_384", 48)]
    [InlineData("HMAC_SHA512", "HMAC_SHA_512", 64)]
    [InlineData("HMAC_SM3", "HMAC_SM3", 32)]
    public async Task GenerateMac_EveryHmacSpec_GivesAFullLengthMacThatVerifiesAndTamperingFails(string spec, string algorithm, int length)
    {
        var (keyId, _) = await factory.Client.CreatePairAsync(spec);
        var message = Encoding.UTF8.GetBytes("message " + Guid.NewGuid());

        var generated = Expect.Ok(await Generate(keyId, algorithm, message));

        Assert.Equal(["RequestId", "Algorithm", "KeyId", "Mac"], generated.EnumerateObject().Select(p => p.Name));
        Assert.Equal(algorithm, generated.GetProperty("Algorithm").GetString());
        Assert.Equal(keyId, generated.GetProperty("KeyId").GetString());
        var mac = Convert.FromBase64String(generated.GetProperty("Mac").GetString()!);
        Assert.Equal(length, mac.Length);
        Assert.Equal(mac, Convert.FromBase64String(Expect.Ok(await Generate(keyId, algorithm, message)).GetProperty("Mac").GetString()!));
        var verified = Expect.Ok(await Verify(keyId, algorithm, message, mac));
        Assert.Equal(["RequestId", "Algorithm", "KeyId", "Value"], verified.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.True, verified.GetProperty("Value").ValueKind);
        var flipped = (byte[])mac.Clone();
        flipped[0] ^= 0x80;
        Assert.False(Expect.Ok(await Verify(keyId, algorithm, message, flipped)).GetProperty("Value").GetBoolean());
        Assert.False(Expect.Ok(await Verify(keyId, algorithm, [.. message, 0], mac)).GetProperty("Value").GetBoolean());
        Assert.False(Expect.Ok(await Verify(keyId, algorithm, message, mac[..^1])).GetProperty("Value").GetBoolean());
    }

    [Fact]
    public async Task GenerateMac_TwoKeys_GiveDifferentMacs()
    {
        var (first, _) = await factory.Client.CreatePairAsync("HMAC_SHA256");
        var (second, _) = await factory.Client.CreatePairAsync("HMAC_SHA256");
        var message = "same message"u8.ToArray();

        var a = Expect.Ok(await Generate(first, "HMAC_SHA_256", message)).GetProperty("Mac").GetString();
        var b = Expect.Ok(await Generate(second, "HMAC_SHA_256", message)).GetProperty("Mac").GetString();

        Assert.NotEqual(a, b);
        Assert.False(Expect.Ok(await Verify(second, "HMAC_SHA_256", message, Convert.FromBase64String(a!))).GetProperty("Value").GetBoolean());
    }

    [Fact]
    public async Task GenerateMac_AfterCreateKeyVersion_UsesNewMaterialAndOldMacsStillVerify()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("HMAC_SHA512");
        var message = "rotated"u8.ToArray();
        var before = Expect.Ok(await Generate(keyId, "HMAC_SHA_512", message)).GetProperty("Mac").GetString()!;

        Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));

        var after = Expect.Ok(await Generate(keyId, "HMAC_SHA_512", message)).GetProperty("Mac").GetString()!;
        Assert.NotEqual(before, after);
        Assert.True(Expect.Ok(await Verify(keyId, "HMAC_SHA_512", message, Convert.FromBase64String(before))).GetProperty("Value").GetBoolean());
        Assert.True(Expect.Ok(await Verify(keyId, "HMAC_SHA_512", message, Convert.FromBase64String(after))).GetProperty("Value").GetBoolean());
    }

    [Fact]
    public async Task GenerateMac_Alias_Works()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("HMAC_SM3");
        var alias = "alias/mac-" + Guid.NewGuid().ToString("N");
        Expect.Ok(await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", alias), ("KeyId", keyId))));

        var response = await Generate(alias, "HMAC_SM3", [1, 2, 3]);

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyId").GetString());
    }

    [Theory]
    [InlineData("HMAC_SHA256", "HMAC_SHA_512")]
    [InlineData("HMAC_SM3", "HMAC_SHA_256")]
    [InlineData("HMAC_SHA256", "HMAC_SHA256")]
    [InlineData("HMAC_SHA256", "hmac_sha_256")]
    public async Task GenerateAndVerifyMac_AlgorithmNotTheSpecs_ReturnInvalidParameterAlgorithm(string spec, string algorithm)
    {
        var (keyId, _) = await factory.Client.CreatePairAsync(spec);

        Expect.InvalidParameter(await Generate(keyId, algorithm, [1]), "Algorithm");
        Expect.InvalidParameter(await Verify(keyId, algorithm, [1], [1]), "Algorithm");
    }

    [Theory]
    [InlineData("Aliyun_AES_256", null)]
    [InlineData("EC_P256", null)]
    [InlineData("RSA_2048", "ENCRYPT/DECRYPT")]
    public async Task GenerateAndVerifyMac_KeyThatIsNoHmacKey_ReturnUnsupportedOperation(string spec, string? usage)
    {
        var (keyId, _) = await factory.Client.CreatePairAsync(spec, usage);

        UnsupportedOperation(await Generate(keyId, "HMAC_SHA_256", [1]));
        UnsupportedOperation(await Verify(keyId, "HMAC_SHA_256", [1], [1]));
    }

    [Fact]
    public async Task GenerateAndVerifyMac_DisabledKey_ReturnRejectedDisabled()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("HMAC_SHA256");
        RequestIdOnly(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));

        Disabled(await Generate(keyId, "HMAC_SHA_256", [1]));
        Disabled(await Verify(keyId, "HMAC_SHA_256", [1], [1]));
    }

    [Fact]
    public async Task GenerateMac_PendingDeletion_ReturnsRejectedPendingDeletion()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("HMAC_SHA256");
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        PendingDeletion(await Generate(keyId, "HMAC_SHA_256", [1]));
    }

    [Theory]
    [InlineData("GenerateMac", "Message")]
    [InlineData("VerifyMac", "Message")]
    [InlineData("VerifyMac", "Mac")]
    public async Task GenerateAndVerifyMac_DataNotBase64_ReturnInvalidParameterNamingIt(string action, string name)
    {
        var parameters = Params.Of(("Algorithm", "HMAC_SHA_256"), ("KeyId", "k"), ("Message", "AQID"), ("Mac", "AQID"));
        parameters[name] = "%%";

        var response = await factory.Client.CallAsync(action, parameters);

        Expect.InvalidParameter(response, name);
    }

    [Theory]
    [InlineData("GenerateMac", "Algorithm", new[] { "Algorithm", "KeyId", "Message" })]
    [InlineData("GenerateMac", "Message", new[] { "Message" })]
    [InlineData("VerifyMac", "KeyId", new[] { "KeyId", "Mac", "Message" })]
    [InlineData("VerifyMac", "Mac", new[] { "Mac", "Message" })]
    [InlineData("VerifyMac", "Message", new[] { "Message" })]
    public async Task GenerateAndVerifyMac_MissingParameters_NameTheFirstInTableOrder(string action, string expected, string[] removed)
    {
        var parameters = Params.Of(("Algorithm", "HMAC_SHA_256"), ("KeyId", "k"), ("Message", "AQID"), ("Mac", "AQID"));
        foreach (var name in removed)
        {
            parameters.Remove(name);
        }

        var response = await factory.Client.CallAsync(action, parameters);

        Expect.MissingParameter(response, expected);
    }

    [Fact]
    public async Task GenerateMac_DryRun_ReturnsDryRunOperationError()
    {
        var (keyId, _) = await factory.Client.CreatePairAsync("HMAC_SHA256");

        var response = await factory.Client.CallAsync("GenerateMac", Params.Of(
            ("Algorithm", "HMAC_SHA_256"), ("KeyId", keyId), ("Message", "AQID"), ("DryRun", "true")));

        Expect.Error(response, "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set.");
    }

    private Task<Coffer.Testing.CofferResponse> Generate(string keyId, string algorithm, byte[] message) =>
        factory.Client.CallAsync("GenerateMac", Params.Of(("Algorithm", algorithm), ("KeyId", keyId), ("Message", Convert.ToBase64String(message))));

    private Task<Coffer.Testing.CofferResponse> Verify(string keyId, string algorithm, byte[] message, byte[] mac) =>
        factory.Client.CallAsync("VerifyMac", Params.Of(
            ("Algorithm", algorithm), ("KeyId", keyId), ("Mac", Convert.ToBase64String(mac)), ("Message", Convert.ToBase64String(message))));
}
