using System.Globalization;
using System.Text;
using Coffer.Crypto;
using Coffer.Crypto.Aead;
using static Coffer.Server.Tests.Actions.ImportCalls;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class ImportKeyMaterialTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("coffer-import-").FullName;

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256", "RSA_2048")]
    [InlineData("RSAES_OAEP_SHA_1", "RSA_2048")]
    [InlineData("RSAES_PKCS1_V1_5", "RSA_2048")]
    [InlineData("SM2PKE", "EC_SM2")]
    public async Task ImportKeyMaterial_WrappedByOpenSsl_IsTheMaterialCofferEncryptsWith(string algorithm, string spec)
    {
        var openssl = OpenSslPath();
        Assert.SkipWhen(openssl is null, "the openssl command is not on the PATH");
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var parameters = await factory.Client.ParametersAsync(keyId, algorithm, spec);
        var material = CryptoRandom.Bytes(32);

        var response = await factory.Client.ImportAsync(keyId, WrapWithOpenSsl(openssl!, _dir, parameters, material, algorithm), Token(parameters));

        RequestIdOnly(response);
        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
        var encrypted = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "opened by the caller"))));
        var blob = Convert.FromBase64String(encrypted.GetProperty("CiphertextBlob").GetString()!);
        // DECISIONS.md layout: KeyVersionId (36 ASCII) ‖ IV (12) ‖ ciphertext ‖ tag (16), AES-GCM under the version's material.
        Assert.Equal(encrypted.GetProperty("KeyVersionId").GetString(), Encoding.ASCII.GetString(blob, 0, 36));
        var plaintext = new byte[blob.Length - 36 - 12 - 16];
        Assert.True(GcmCipher.TryDecrypt(AeadAlgorithm.AesGcm, material, blob.AsSpan(36, 12), blob.AsSpan(48, plaintext.Length), blob.AsSpan(^16), [], plaintext));
        Assert.Equal("opened by the caller", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public async Task ImportKeyMaterial_Expiry_IsShownAsMaterialExpireTime()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var expiry = TimeProvider.System.GetUtcNow().AddDays(30).ToUnixTimeSeconds();

        await factory.Client.ImportOkAsync(keyId, CryptoRandom.Bytes(32), expiry.ToString(CultureInfo.InvariantCulture));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expiry).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), metadata.GetProperty("MaterialExpireTime").GetString());
        Assert.Equal("Enabled", metadata.GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task ImportKeyMaterial_SameMaterialAfterDeleteKeyMaterial_RestoresOldCiphertexts()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var material = CryptoRandom.Bytes(32);
        await factory.Client.ImportOkAsync(keyId, material);
        var blob = await factory.Client.EncryptAsync(keyId, "survives re-import");
        RequestIdOnly(await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", keyId))));
        PendingImport(await factory.Client.DecryptAsync(blob));

        var parameters = await factory.Client.ParametersAsync(keyId);
        InvalidKeyMaterial(await factory.Client.ImportAsync(keyId, Wrap(parameters, CryptoRandom.Bytes(32)), Token(parameters)));
        RequestIdOnly(await factory.Client.ImportAsync(keyId, Wrap(parameters, material), Token(parameters)));

        Assert.Equal("survives re-import", Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task ImportKeyMaterial_MissingParameters_AreNamedInTheApiTablesOrder()
    {
        MissingParameter(await factory.Client.CallAsync("ImportKeyMaterial", Params.Of()), "EncryptedKeyMaterial");
        MissingParameter(await factory.Client.CallAsync("ImportKeyMaterial", Params.Of(("EncryptedKeyMaterial", "AAAA"))), "ImportToken");
        MissingParameter(
            await factory.Client.CallAsync("ImportKeyMaterial", Params.Of(("EncryptedKeyMaterial", "AAAA"), ("ImportToken", "x"))), "KeyId");
    }

    [Theory]
    [InlineData("EncryptedKeyMaterial", "not base64!")]
    [InlineData("KeyMaterialExpireUnix", "-1")]
    [InlineData("KeyMaterialExpireUnix", "1e9")]
    [InlineData("KeyMaterialExpireUnix", "99999999999999999999")]
    [InlineData("KeyMaterialExpireUnix", "1000")]
    public async Task ImportKeyMaterial_BadValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var parameters = await factory.Client.ParametersAsync(keyId);
        var request = Params.Of(("KeyId", keyId), ("EncryptedKeyMaterial", Wrap(parameters, CryptoRandom.Bytes(32))), ("ImportToken", Token(parameters)));
        request[name] = value;

        Expect.InvalidParameter(await factory.Client.CallAsync("ImportKeyMaterial", request), name);
    }

    [Fact]
    public async Task ImportKeyMaterial_WrongLengthOrGarbage_ReturnsInvalidKeyMaterial()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync("Aliyun_SM4")).GetProperty("KeyId").GetString()!;
        var parameters = await factory.Client.ParametersAsync(keyId, "RSAES_PKCS1_V1_5");

        InvalidKeyMaterial(await factory.Client.ImportAsync(keyId, Wrap(parameters, CryptoRandom.Bytes(32), "RSAES_PKCS1_V1_5"), Token(parameters)));
        InvalidKeyMaterial(await factory.Client.ImportAsync(keyId, Convert.ToBase64String(CryptoRandom.Bytes(256)), Token(parameters)));
        InvalidKeyMaterial(await factory.Client.ImportAsync(keyId, "AAAA", Token(parameters)));

        RequestIdOnly(await factory.Client.ImportAsync(keyId, Wrap(parameters, CryptoRandom.Bytes(16), "RSAES_PKCS1_V1_5"), Token(parameters)));
    }

    [Fact]
    public async Task ImportKeyMaterial_ForgedOrForeignToken_ReturnsInvalidImportToken()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var otherKeyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var parameters = await factory.Client.ParametersAsync(keyId);
        var other = await factory.Client.ParametersAsync(otherKeyId);
        var wrapped = Wrap(parameters, CryptoRandom.Bytes(32));
        var forged = Convert.FromBase64String(Token(parameters));
        forged[^1] ^= 1;

        InvalidImportToken(await factory.Client.ImportAsync(keyId, wrapped, Convert.ToBase64String(forged)));
        InvalidImportToken(await factory.Client.ImportAsync(keyId, wrapped, Token(other)));
        InvalidImportToken(await factory.Client.ImportAsync(keyId, wrapped, "garbage"));
        Assert.Equal("PendingImport", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task ImportKeyMaterial_KeyMadeByCoffer_ReturnsUnsupportedOrigin()
    {
        var externalId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var parameters = await factory.Client.ParametersAsync(externalId);
        var keyId = await factory.Client.CreateKeyAsync();

        UnsupportedOrigin(await factory.Client.ImportAsync(keyId, Wrap(parameters, CryptoRandom.Bytes(32)), Token(parameters)));
    }

    [Fact]
    public async Task ImportKeyMaterial_PendingDeletion_ReturnsStateModifiedFailed()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        var parameters = await factory.Client.ParametersAsync(keyId);
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        StateModifiedFailed(await factory.Client.ImportAsync(keyId, Wrap(parameters, CryptoRandom.Bytes(32)), Token(parameters)));
    }

    [Fact]
    public async Task ImportKeyMaterial_AliasOrUnknownKey_ReturnsUnsupportedAliasOrKeyNotFound()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        RequestIdOnly(await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/byok-import"), ("KeyId", keyId))));
        var parameters = await factory.Client.ParametersAsync(keyId);
        var wrapped = Wrap(parameters, CryptoRandom.Bytes(32));

        UnsupportedAlias(await factory.Client.ImportAsync("alias/byok-import", wrapped, Token(parameters)));
        Expect.Error(await factory.Client.ImportAsync(Guid.NewGuid().ToString(), wrapped, Token(parameters)), "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        RequestIdOnly(await factory.Client.ImportAsync(factory.KeyArn(keyId), wrapped, Token(parameters)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void MissingParameter(Testing.CofferResponse response, string name) => Expect.MissingParameter(response, name);
}
