using Coffer.Core.Import;
using Coffer.Core.Keys;
using Coffer.Crypto.Asymmetric;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The imported-material half of the key store contract (EXTERNAL keys).</summary>
public abstract partial class KeyStoreCompliance
{
    [Fact]
    public async Task CreateAsync_VersionWithoutMaterial_IsStoredEmpty()
    {
        var (key, version) = ExternalKey(1);

        await Store.Keys.CreateAsync(key, version, Ct);

        var stored = await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct);
        Assert.NotNull(stored);
        Assert.False(stored.HasMaterial);
        Assert.Equal(key, await Store.Keys.FindAsync(A, key.Id, Ct));
        Assert.Null(await Store.Keys.FindMaterialFingerprintAsync(key.Id, Ct));
    }

    [Fact]
    public async Task TryImportMaterialAsync_CurrentRevision_WritesKeyMaterialAndFingerprintTogether()
    {
        var (key, version) = ExternalKey(1);
        await Store.Keys.CreateAsync(key, version, Ct);
        var imported = key with { State = KeyState.Enabled, MaterialExpireTime = T0.AddDays(3) };

        var swapped = await Store.Keys.TryImportMaterialAsync(imported, key.Revision, version with { WrappedMaterial = Bytes(7) }, Bytes(8, 32), Ct);

        Assert.True(swapped);
        Assert.Equal(imported with { Revision = key.Revision + 1 }, await Store.Keys.FindAsync(A, key.Id, Ct));
        Assert.Equal(Bytes(7), (await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct))!.WrappedMaterial);
        Assert.Equal(Bytes(8, 32), await Store.Keys.FindMaterialFingerprintAsync(key.Id, Ct));
        Assert.Equal(Bytes(7), (await Store.Keys.FindVersionAsync(A, version.Id, Ct))!.Value.Version.WrappedMaterial);
    }

    [Fact]
    public async Task TryImportMaterialAsync_StaleRevision_WritesNothing()
    {
        var (key, version) = ExternalKey(1);
        await Store.Keys.CreateAsync(key, version, Ct);
        Assert.True(await Store.Keys.TryUpdateAsync(key with { Description = "moved" }, key.Revision, Ct));

        var swapped = await Store.Keys.TryImportMaterialAsync(
            key with { State = KeyState.Enabled }, key.Revision, version with { WrappedMaterial = Bytes(7) }, Bytes(8, 32), Ct);

        Assert.False(swapped);
        Assert.Equal(KeyState.PendingImport, (await Store.Keys.FindAsync(A, key.Id, Ct))!.State);
        Assert.False((await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct))!.HasMaterial);
        Assert.Null(await Store.Keys.FindMaterialFingerprintAsync(key.Id, Ct));
    }

    [Fact]
    public async Task TryImportMaterialAsync_VersionOfAnotherKey_WritesNothing()
    {
        var (key, version) = ExternalKey(1);
        var (other, otherVersion) = ExternalKey(2);
        await Store.Keys.CreateAsync(key, version, Ct);
        await Store.Keys.CreateAsync(other, otherVersion, Ct);

        var swapped = await Store.Keys.TryImportMaterialAsync(
            key with { State = KeyState.Enabled }, key.Revision, otherVersion with { WrappedMaterial = Bytes(7) }, Bytes(8, 32), Ct);

        Assert.False(swapped);
        Assert.Equal(key, await Store.Keys.FindAsync(A, key.Id, Ct));
        Assert.False((await Store.Keys.GetVersionAsync(other.Id, otherVersion.Id, Ct))!.HasMaterial);
    }

    [Fact]
    public async Task TryRemoveMaterialAsync_CurrentRevision_EmptiesTheMaterialAndKeepsTheFingerprint()
    {
        var (key, version) = ExternalKey(1);
        await Store.Keys.CreateAsync(key, version, Ct);
        var imported = key with { State = KeyState.Enabled, MaterialExpireTime = T0.AddDays(3) };
        Assert.True(await Store.Keys.TryImportMaterialAsync(imported, key.Revision, version with { WrappedMaterial = Bytes(7) }, Bytes(8, 32), Ct));
        var removed = imported with { State = KeyState.PendingImport, MaterialExpireTime = null, Revision = key.Revision + 1 };

        var swapped = await Store.Keys.TryRemoveMaterialAsync(removed, removed.Revision, Ct);

        Assert.True(swapped);
        Assert.Equal(removed with { Revision = removed.Revision + 1 }, await Store.Keys.FindAsync(A, key.Id, Ct));
        Assert.False((await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct))!.HasMaterial);
        Assert.Equal(Bytes(8, 32), await Store.Keys.FindMaterialFingerprintAsync(key.Id, Ct));
    }

    [Fact]
    public async Task TryRemoveMaterialAsync_StaleRevision_KeepsTheMaterial()
    {
        var (key, version) = ExternalKey(1);
        await Store.Keys.CreateAsync(key, version, Ct);
        Assert.True(await Store.Keys.TryImportMaterialAsync(
            key with { State = KeyState.Enabled }, key.Revision, version with { WrappedMaterial = Bytes(7) }, Bytes(8, 32), Ct));

        var swapped = await Store.Keys.TryRemoveMaterialAsync(key, key.Revision, Ct);

        Assert.False(swapped);
        Assert.Equal(KeyState.Enabled, (await Store.Keys.FindAsync(A, key.Id, Ct))!.State);
        Assert.Equal(Bytes(7), (await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct))!.WrappedMaterial);
    }

    [Fact]
    public async Task ListDueForMaterialExpiryAsync_ExpiredAtOrBeforeNow_ListsThoseAcrossAccountsSoonestFirst()
    {
        var (late, lateVersion) = ExternalKey(1);
        var (early, earlyVersion) = ExternalKey(2, B);
        var (future, futureVersion) = ExternalKey(3);
        var (never, neverVersion) = ExternalKey(4);
        await Store.Keys.CreateAsync(late with { State = KeyState.Enabled, MaterialExpireTime = T0.AddHours(2) }, lateVersion, Ct);
        await Store.Keys.CreateAsync(early with { State = KeyState.Disabled, MaterialExpireTime = T0.AddHours(1) }, earlyVersion, Ct);
        await Store.Keys.CreateAsync(future with { State = KeyState.Enabled, MaterialExpireTime = T0.AddHours(3) }, futureVersion, Ct);
        await Store.Keys.CreateAsync(never with { State = KeyState.Enabled }, neverVersion, Ct);

        var due = await Store.Keys.ListDueForMaterialExpiryAsync(T0.AddHours(2), 10, Ct);
        var limited = await Store.Keys.ListDueForMaterialExpiryAsync(T0.AddHours(2), 1, Ct);

        Assert.Equal([early.Id, late.Id], due.Select(k => k.Id));
        Assert.Equal([early.Id], limited.Select(k => k.Id));
    }

    [Fact]
    public async Task TryDeleteAsync_KeyWithImportWrappingKeys_DeletesThemToo()
    {
        var (key, version) = ExternalKey(1);
        var (other, otherVersion) = ExternalKey(2);
        await Store.Keys.CreateAsync(key, version, Ct);
        await Store.Keys.CreateAsync(other, otherVersion, Ct);
        await Store.ImportWrappingKeys.CreateAsync(WrappingKey(key, Id(10, 'c')), Ct);
        await Store.ImportWrappingKeys.CreateAsync(WrappingKey(other, Id(11, 'c')), Ct);

        Assert.True(await Store.Keys.TryDeleteAsync(key, key.Revision, Ct));

        Assert.Null(await Store.ImportWrappingKeys.FindAsync(A, key.Id, Id(10, 'c'), Ct));
        Assert.NotNull(await Store.ImportWrappingKeys.FindAsync(A, other.Id, Id(11, 'c'), Ct));
    }

    /// <summary>A wrapping key row of <paramref name="key"/> (the bytes stand in for a wrapped private key).</summary>
    internal static ImportWrappingKey WrappingKey(Key key, string id, DateTimeOffset? expires = null) => new(
        key.Account, key.Id, id, new WrappingParameters(AsymmetricKeySpec.Rsa2048, AsymmetricEncryptionAlgorithm.RsaesOaepSha256),
        Bytes(id.Length, 60), T0, expires ?? T0.AddHours(24));

    private static (Key Key, KeyVersion Version) ExternalKey(int n, Coffer.Core.Accounts.AccountId? account = null)
    {
        var (key, version) = Key(account ?? A, n, state: KeyState.PendingImport);
        return (key with { Origin = "EXTERNAL" }, version with { WrappedMaterial = [] });
    }
}
