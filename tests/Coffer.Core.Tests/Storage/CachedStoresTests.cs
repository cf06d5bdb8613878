using Coffer.Core.Accounts;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using Coffer.Core.Tests.Operations;

namespace Coffer.Core.Tests.Storage;

/// <summary>The read caches as Core wires them: local writes are seen at once, other nodes' writes within the bound.</summary>
public sealed class CachedStoresTests
{
    private static CancellationToken Ct => KmsHarness.Ct;

    [Fact]
    public async Task DisableKey_ThroughThisNode_NextEncryptIsRefusedAtOnce()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var key = await kms.CreateKeyAsync();
        await EncryptAsync(kms, key);

        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        var refused = await Assert.ThrowsAsync<KmsException>(() => EncryptAsync(kms, key));

        Assert.Equal(KmsErrorCode.KeyDisabled, refused.Code);
    }

    [Fact]
    public async Task DisableKey_ByAnotherNode_SeenOnceTheBoundHasPassed()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var key = await kms.CreateKeyAsync();
        await EncryptAsync(kms, key);

        Assert.True(await kms.KeysOfAnotherNode.TryUpdateAsync(key with { State = KeyState.Disabled }, key.Revision, Ct));
        await EncryptAsync(kms, key);
        kms.Time.Advance(kms.Options.StoreCacheBound);
        var refused = await Assert.ThrowsAsync<KmsException>(() => EncryptAsync(kms, key));

        Assert.Equal(KmsErrorCode.KeyDisabled, refused.Code);
    }

    [Fact]
    public async Task EnableKey_AfterAnotherNodeMovedTheRevision_LostSwapRereadsTheStore()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var key = await kms.CreateKeyAsync();
        await kms.Get<DescribeKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        Assert.True(await kms.KeysOfAnotherNode.TryUpdateAsync(key with { Description = "elsewhere" }, key.Revision, Ct));

        var disabled = await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        var described = await kms.Get<DescribeKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.Disabled, disabled.State);
        Assert.Equal(key.Revision + 2, disabled.Revision);
        Assert.Equal("elsewhere", described.Description);
        Assert.Equal(KeyState.Disabled, described.State);
    }

    [Fact]
    public async Task Decrypt_KeyDeletedByAnotherNode_RefusedOnceTheBoundHasPassed()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var key = await kms.CreateKeyAsync();
        var blob = Convert.ToBase64String((await EncryptAsync(kms, key)).CiphertextBlob);
        await DecryptAsync(kms, blob);

        Assert.True(await kms.KeysOfAnotherNode.TryDeleteAsync(key, key.Revision, Ct));
        kms.Time.Advance(kms.Options.StoreCacheBound);
        var refused = await Assert.ThrowsAsync<KmsException>(() => DecryptAsync(kms, blob));

        Assert.Equal(KmsErrorCode.KeyNotFound, refused.Code);
    }

    [Fact]
    public async Task AccessKey_DisabledByAnotherProcess_SeenOnceTheBoundHasPassed()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var cached = kms.Get<IAccessKeyStore>();
        var before = await cached.FindAsync(kms.Caller.AccessKeyId, Ct);
        Assert.True(before!.Enabled);

        Assert.True(await kms.AccessKeysOfAnotherProcess.TrySetEnabledAsync(before.Id, false, before.Revision, Ct));
        var within = await cached.FindAsync(before.Id, Ct);
        kms.Time.Advance(kms.Options.StoreCacheBound);
        var after = await cached.FindAsync(before.Id, Ct);

        Assert.True(within!.Enabled);
        Assert.False(after!.Enabled);
    }

    [Fact]
    public async Task AccessKey_DisabledThroughThisNode_SeenAtOnce()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var cached = kms.Get<IAccessKeyStore>();
        var before = await cached.FindAsync(kms.Caller.AccessKeyId, Ct);

        Assert.True(await cached.TrySetEnabledAsync(before!.Id, false, before.Revision, Ct));
        var after = await cached.FindAsync(before.Id, Ct);

        Assert.False(after!.Enabled);
    }

    [Fact]
    public async Task Account_StatusChangedThroughThisNode_SeenAtOnce()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var before = await kms.Accounts.FindAsync(kms.Caller.Account, Ct);

        Assert.True(await kms.Accounts.TrySetStatusAsync(before!.Id, AccountStatus.InDebt, before.Revision, Ct));
        var after = await kms.Accounts.FindAsync(before.Id, Ct);

        Assert.Equal(AccountStatus.InDebt, after!.Status);
    }

    [Fact]
    public async Task Encrypt_PastTheBound_NothingChangedInTheStore_ReadsNoKeyRecord()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var key = await kms.CreateKeyAsync();
        var freshness = kms.Get<StoreFreshness>();
        var keys = (CachedKeyStore)kms.Get<IKeyStore>();
        await freshness.RefreshAsync(Ct);
        await EncryptAsync(kms, key);
        var misses = keys.KeyStatistics.Misses;

        for (var i = 0; i < 4; i++)
        {
            kms.Time.Advance(kms.Options.StoreCacheBound * 0.75);
            await freshness.RefreshAsync(Ct);
            await EncryptAsync(kms, key);
        }

        Assert.Equal(misses, keys.KeyStatistics.Misses);
    }

    [Fact]
    public async Task DisableKey_ByAnotherNode_PastTheBound_SeenOnceTheCounterIsReadAgain()
    {
        await using var kms = await KmsHarness.CreateAsync();
        var key = await kms.CreateKeyAsync();
        var freshness = kms.Get<StoreFreshness>();
        await freshness.RefreshAsync(Ct);
        await EncryptAsync(kms, key);
        kms.Time.Advance(kms.Options.StoreCacheBound * 0.75);
        await freshness.RefreshAsync(Ct);
        kms.Time.Advance(kms.Options.StoreCacheBound * 0.5);

        Assert.True(await kms.KeysOfAnotherNode.TryUpdateAsync(key with { State = KeyState.Disabled }, key.Revision, Ct));
        await EncryptAsync(kms, key);
        await freshness.RefreshAsync(Ct);
        var refused = await Assert.ThrowsAsync<KmsException>(() => EncryptAsync(kms, key));

        Assert.Equal(KmsErrorCode.KeyDisabled, refused.Code);
    }

    private static Task<EncryptResult> EncryptAsync(KmsHarness kms, Key key) =>
        kms.Get<Encrypt>().HandleAsync(kms.Caller, new EncryptRequest(key.Id.Value, "hello", EncryptionContext.None, DryRun: false), Ct);

    private static Task<DecryptResult> DecryptAsync(KmsHarness kms, string blob) =>
        kms.Get<Decrypt>().HandleAsync(kms.Caller, new DecryptRequest(blob, EncryptionContext.None, DryRun: false), Ct);
}
