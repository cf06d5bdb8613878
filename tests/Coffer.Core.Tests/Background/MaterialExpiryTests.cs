using Coffer.Core.Background;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Tests.Import;
using static Coffer.Core.Tests.Import.ImportFlow;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Background;

public sealed class MaterialExpiryTests
{
    [Fact]
    public async Task RunOnce_BeforeTheMaterialExpires_LeavesTheKeyEnabled()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial(), kms.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        kms.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(0, pass.ExpiredMaterials);
        Assert.Equal(KeyState.Enabled, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!.State);
    }

    [Fact]
    public async Task RunOnce_MaterialExpired_MovesTheKeyToPendingImportAndRemovesTheMaterial()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        var expiry = kms.Time.GetUtcNow().AddDays(1);
        await kms.ImportAsync(key, material, expiry.ToUnixTimeSeconds());
        var blob = await kms.EncryptAsync(key, "expiring");
        var bystander = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(bystander, NewMaterial());
        kms.Time.Advance(TimeSpan.FromDays(1));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(1, pass.ExpiredMaterials);
        var expired = (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!;
        Assert.Equal(KeyState.PendingImport, expired.State);
        Assert.Null(expired.MaterialExpireTime);
        Assert.False((await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct))!.HasMaterial);
        Assert.Equal(KeyState.Enabled, (await kms.Keys.FindAsync(kms.Caller.Account, bystander.Id, Ct))!.State);
        Assert.Equal(0, (await kms.Get<KeyScheduler>().RunOnceAsync(Ct)).ExpiredMaterials);
        var error = await Assert.ThrowsAsync<KmsException>(() => kms.DecryptAsync(blob));
        Assert.Equal(KmsErrorCode.KeyPendingImport, error.Code);

        await kms.ImportAsync(key, material);

        Assert.Equal("expiring", await kms.DecryptAsync(blob));
    }

    [Fact]
    public async Task RunOnce_MaterialOfAPendingDeletionKeyExpired_KeepsTheStateAndDeleteDate()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial(), kms.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        var pending = await kms.Get<Core.Operations.ScheduleKeyDeletion>().HandleAsync(
            kms.Caller, new Core.Operations.ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);
        kms.Time.Advance(TimeSpan.FromDays(2));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(1, pass.ExpiredMaterials);
        var after = (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!;
        Assert.Equal(KeyState.PendingDeletion, after.State);
        Assert.Equal(pending.DeleteDate, after.DeleteDate);
        Assert.False((await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct))!.HasMaterial);
    }

    [Fact]
    public async Task RunOnce_KeyChangedSinceItWasListed_LosesTheRaceAndLeavesTheWinnersWrite()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        var material = NewMaterial();
        await kms.ImportAsync(key, material, kms.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        kms.Time.Advance(TimeSpan.FromDays(2));
        var stale = (await kms.Keys.ListDueForMaterialExpiryAsync(kms.Time.GetUtcNow(), 10, Ct)).Single();
        // A re-import without expiry wins first.
        await kms.ImportAsync(key, material);

        var removed = await kms.Get<Core.Import.MaterialRemover>().TryRemoveAsync(stale, Ct);

        Assert.Null(removed);
        Assert.Equal(KeyState.Enabled, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!.State);
        Assert.True((await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct))!.HasMaterial);
    }

    [Fact]
    public async Task RunOnce_ExpiredImportTokens_AreDeleted()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ParametersAsync(key);
        await kms.ParametersAsync(key);
        kms.Time.Advance(TimeSpan.FromHours(23));
        await kms.ParametersAsync(key);
        kms.Time.Advance(TimeSpan.FromHours(1));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(2, pass.ExpiredImportTokens);
        Assert.Equal(0, (await kms.Get<KeyScheduler>().RunOnceAsync(Ct)).ExpiredImportTokens);
    }
}
