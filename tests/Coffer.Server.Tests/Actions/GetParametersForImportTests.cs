using System.Globalization;
using static Coffer.Server.Tests.Actions.ImportCalls;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class GetParametersForImportTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_2048", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")]
    [InlineData("RSAES_OAEP_SHA_1", "RSA_2048", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")]
    [InlineData("RSAES_PKCS1_V1_5", "RSA_2048", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")]
    [InlineData("SM2PKE", "EC_SM2", "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE")]
    public async Task GetParametersForImport_EveryPair_ReturnsBase64DerSpkiTokenAndExpiry(string algorithm, string spec, string spkiPrefix)
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var before = TimeProvider.System.GetUtcNow();

        var json = await factory.Client.ParametersAsync(keyId, algorithm, spec);

        Assert.Equal(["RequestId", "ImportToken", "KeyId", "PublicKey", "TokenExpireTime"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, json.GetProperty("KeyId").GetString());
        // Base64 DER SubjectPublicKeyInfo, not PEM: RSA 2048 and id-ecPublicKey with the SM2 curve.
        Assert.StartsWith(spkiPrefix, json.GetProperty("PublicKey").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(Token(json));
        var expires = DateTimeOffset.ParseExact(
            json.GetProperty("TokenExpireTime").GetString()!, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(expires, before.AddHours(24).AddSeconds(-2), TimeProvider.System.GetUtcNow().AddHours(24));
    }

    [Fact]
    public async Task GetParametersForImport_MissingParameters_AreNamedInTheApiTablesOrder()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("GetParametersForImport", Params.Of()), "KeyId");
        Expect.MissingParameter(await factory.Client.CallAsync("GetParametersForImport", Params.Of(("KeyId", "k"))), "WrappingAlgorithm");
        Expect.MissingParameter(
            await factory.Client.CallAsync("GetParametersForImport", Params.Of(("KeyId", "k"), ("WrappingAlgorithm", Oaep256))), "WrappingKeySpec");
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_512", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("SM2PKE", "RSA_2048", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_256", "EC_SM2", "WrappingAlgorithm")]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_3072", "WrappingKeySpec")]
    public async Task GetParametersForImport_BadPair_ReturnsInvalidParameterNamingIt(string algorithm, string spec, string parameter)
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;

        var response = await factory.Client.CallAsync(
            "GetParametersForImport", Params.Of(("KeyId", keyId), ("WrappingAlgorithm", algorithm), ("WrappingKeySpec", spec)));

        Expect.InvalidParameter(response, parameter);
    }

    [Fact]
    public async Task GetParametersForImport_KeyMadeByCoffer_ReturnsUnsupportedOrigin()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync(
            "GetParametersForImport", Params.Of(("KeyId", keyId), ("WrappingAlgorithm", Oaep256), ("WrappingKeySpec", "RSA_2048")));

        UnsupportedOrigin(response);
    }

    [Fact]
    public async Task GetParametersForImport_AliasUnknownKeyOrArn_AnswersAsManagementCallsDo()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        RequestIdOnly(await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/byok-params"), ("KeyId", keyId))));

        UnsupportedAlias(await factory.Client.CallAsync(
            "GetParametersForImport", Params.Of(("KeyId", "alias/byok-params"), ("WrappingAlgorithm", Oaep256), ("WrappingKeySpec", "RSA_2048"))));
        Expect.Error(
            await factory.Client.CallAsync(
                "GetParametersForImport", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("WrappingAlgorithm", Oaep256), ("WrappingKeySpec", "RSA_2048"))),
            "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        Assert.Equal(keyId, (await factory.Client.ParametersAsync(factory.KeyArn(keyId))).GetProperty("KeyId").GetString());
    }
}
