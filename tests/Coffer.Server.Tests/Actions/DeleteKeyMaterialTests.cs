using Coffer.Crypto;
using static Coffer.Server.Tests.Actions.ImportCalls;
using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class DeleteKeyMaterialTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DeleteKeyMaterial_ImportedKey_GoesPendingImportAndItsCiphertextsAnswerRejectedPendingImport()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        await factory.Client.ImportOkAsync(keyId, CryptoRandom.Bytes(32), TimeProvider.System.GetUtcNow().AddDays(9).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var blob = await factory.Client.EncryptAsync(keyId, "soon unreadable");

        var response = await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", keyId)));

        RequestIdOnly(response);
        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("PendingImport", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("", metadata.GetProperty("MaterialExpireTime").GetString());
        PendingImport(await factory.Client.DecryptAsync(blob));
        PendingImport(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"))));
        PendingImport(await factory.Client.CallAsync("GenerateDataKey", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task DeleteKeyMaterial_PendingDeletion_KeepsStateAndDeleteDateAndCancelGoesToPendingImport()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        await factory.Client.ImportOkAsync(keyId, CryptoRandom.Bytes(32));
        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));
        var before = await factory.Client.DescribeAsync(keyId);

        RequestIdOnly(await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", keyId))));

        var after = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("PendingDeletion", after.GetProperty("KeyState").GetString());
        Assert.Equal(before.GetProperty("DeleteDate").GetString(), after.GetProperty("DeleteDate").GetString());
        RequestIdOnly(await factory.Client.CallAsync("CancelKeyDeletion", Params.Of(("KeyId", keyId))));
        Assert.Equal("PendingImport", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task DeleteKeyMaterial_KeyMadeByCoffer_ReturnsUnsupportedOrigin()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        UnsupportedOrigin(await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task DeleteKeyMaterial_MissingAliasOrUnknownKey_AnswersAsManagementCallsDo()
    {
        var keyId = (await factory.Client.CreateExternalKeyAsync()).GetProperty("KeyId").GetString()!;
        RequestIdOnly(await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/byok-delete"), ("KeyId", keyId))));

        Expect.MissingParameter(await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of()), "KeyId");
        UnsupportedAlias(await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", "alias/byok-delete"))));
        Expect.Error(
            await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", Guid.NewGuid().ToString()))),
            "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        RequestIdOnly(await factory.Client.CallAsync("DeleteKeyMaterial", Params.Of(("KeyId", factory.KeyArn(keyId)))));
    }
}
