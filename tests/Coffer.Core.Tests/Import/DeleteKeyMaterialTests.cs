using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Import.ImportFlow;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Import;

public sealed class DeleteKeyMaterialTests
{
    [Fact]
    public async Task DeleteKeyMaterial_ImportedKey_GoesPendingImportWithTheMaterialGoneFromStoreAndCache()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial(), kms.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        var blob = await kms.EncryptAsync(key, "cached now");
        Assert.Equal(1, kms.Get<KeyMaterialCache>().Count);

        var deleted = await kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingImport, deleted.State);
        Assert.Null(deleted.MaterialExpireTime);
        Assert.Equal(deleted, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
        Assert.False((await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct))!.HasMaterial);
        Assert.Equal(0, kms.Get<KeyMaterialCache>().Count);
        var error = await Assert.ThrowsAsync<KmsException>(() => kms.DecryptAsync(blob));
        Assert.Equal(KmsErrorCode.KeyPendingImport, error.Code);
    }

    [Fact]
    public async Task DeleteKeyMaterial_CachedLeaseHeldByACall_IsZeroedOnceReleased()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        await kms.ImportAsync(key, material);
        var version = (await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct))!;
        var imported = (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!;
        var lease = kms.Get<KeyMaterialCache>().Acquire(imported, version);
        var raw = lease.Material.ToArray();
        Assert.Equal(material, raw);

        await kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        Assert.Equal(material, lease.Material.ToArray());
        lease.Release();

        Assert.All(lease.Material.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task DeleteKeyMaterial_NeverImported_IsANoOpSuccess()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var deleted = await kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingImport, deleted.State);
    }

    [Fact]
    public async Task DeleteKeyMaterial_DisabledKey_GoesPendingImport()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial());
        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        var deleted = await kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingImport, deleted.State);
    }

    [Fact]
    public async Task DeleteKeyMaterial_KeyMadeByCoffer_ThrowsUnsupportedOriginAndKeepsItsMaterial()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = await kms.EncryptAsync(key, "still here");

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOrigin, error.Code);
        Assert.Equal("still here", await kms.DecryptAsync(blob));
    }

    [Fact]
    public async Task DeleteKeyMaterial_AliasOrUnknownKey_ThrowsUnsupportedAliasOrKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.AddAliasAsync(key, "alias/byok");

        var alias = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, "alias/byok", Ct));
        var unknown = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, "no-such-key", Ct));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, alias.Code);
        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
    }
}
