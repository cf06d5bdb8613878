using Coffer.Core.Background;
using Coffer.Core.Operations;
using Coffer.Core.Storage;
using Coffer.Core.Tests.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Background;

public sealed class SecretPurgeTests
{
    [Fact]
    public async Task RunOnce_RecoveryWindowNotOver_KeepsTheSecret()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: 7), Ct);
        kms.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(0, pass.PurgedSecrets);
        Assert.NotNull(await kms.Get<ISecretStore>().FindAsync(kms.Caller.Account, "s", Ct));
    }

    [Fact]
    public async Task RunOnce_WindowPassed_PurgesOnlyThatSecretOnce()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await SecretSteps.CreateAsync(kms, "bystander", "v1", "two");
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: 7), Ct);
        kms.Time.Advance(TimeSpan.FromDays(7));

        var pass = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);
        var again = await kms.Get<KeyScheduler>().RunOnceAsync(Ct);

        Assert.Equal(1, pass.PurgedSecrets);
        Assert.Equal(0, again.PurgedSecrets);
        Assert.Null(await kms.Get<ISecretStore>().FindAsync(kms.Caller.Account, "s", Ct));
        Assert.Empty(await kms.Get<ISecretStore>().ListVersionsAsync(kms.Caller.Account, "s", Ct));
        Assert.Equal("two", await SecretSteps.ValueAsync(kms, "bystander"));
        await SecretSteps.CreateAsync(kms, "s", "v1", "reborn");
    }

    [Fact]
    public async Task RunOnce_SecretRestoredAfterBeingListed_CasKeepsIt()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: 7), Ct);
        var store = kms.Get<ISecretStore>();
        var stale = (await store.FindAsync(kms.Caller.Account, "s", Ct))!;
        await kms.Get<RestoreSecret>().HandleAsync(kms.Caller, "s", Ct);

        var deleted = await store.TryDeleteAsync(stale.Account, stale.Name, stale.Revision, Ct);

        Assert.False(deleted);
        Assert.Equal("one", await SecretSteps.ValueAsync(kms, "s"));
    }
}
