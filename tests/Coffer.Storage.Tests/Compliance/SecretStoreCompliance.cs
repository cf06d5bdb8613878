using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using Coffer.Core.Secrets;
using Coffer.Core.Tags;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.ISecretStore"/> contract, run against every provider.</summary>
public abstract class SecretStoreCompliance : StoreCompliance
{
    private static readonly AccountId A = AccountId(1);
    private static readonly AccountId B = AccountId(2);

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.Accounts.CreateAsync(Account(1), Ct);
        await Store.Accounts.CreateAsync(Account(2), Ct);
    }

    [Fact]
    public async Task TryCreateAsync_NewName_FoundWithEveryFieldAndItsVersion()
    {
        var secret = Secret(A, "app/db") with { Description = "d", EncryptionKeyId = new KeyId(Id(7)), Policy = "{}", PlannedDeleteTime = T0.AddDays(9) };
        var version = Version("v1", 1, "ACSCurrent", "Blue");

        Assert.True(await Store.Secrets.TryCreateAsync(secret, version, Ct));

        Assert.Equal(secret, await Store.Secrets.FindAsync(A, "app/db", Ct));
        var stored = Assert.Single(await Store.Secrets.ListVersionsAsync(A, "app/db", Ct));
        Assert.Equal(version.VersionId, stored.VersionId);
        Assert.Equal(version.CreateTime, stored.CreateTime);
        Assert.Equal(version.DataType, stored.DataType);
        Assert.Equal(version.Stages, stored.Stages);
        Assert.Equal(version.SealedKey, stored.SealedKey);
        Assert.Equal(version.Ciphertext, stored.Ciphertext);
    }

    [Fact]
    public async Task TryCreateAsync_NameTaken_FalseAndFirstKept_OtherAccountIndependent()
    {
        Assert.True(await Store.Secrets.TryCreateAsync(Secret(A, "s"), Version("v1", 1), Ct));

        var again = await Store.Secrets.TryCreateAsync(Secret(A, "s") with { Description = "other" }, Version("v2", 2), Ct);
        var other = await Store.Secrets.TryCreateAsync(Secret(B, "s"), Version("v1", 3), Ct);

        Assert.False(again);
        Assert.True(other);
        Assert.Equal("", (await Store.Secrets.FindAsync(A, "s", Ct))!.Description);
        Assert.Equal(["v1"], (await Store.Secrets.ListVersionsAsync(A, "s", Ct)).Select(v => v.VersionId));
        Assert.Equal(1, await Store.Secrets.CountAsync(A, Ct));
    }

    [Fact]
    public async Task TrySaveAsync_CurrentRevision_WritesUpsertsAndRemovalsAndBumpsRevision()
    {
        var secret = Secret(A, "s");
        await Store.Secrets.TryCreateAsync(secret, Version("v1", 1, "ACSCurrent"), Ct);
        await Store.Secrets.TrySaveAsync(secret, 1, [Version("v2", 2, "X")], [], Ct);

        var saved = await Store.Secrets.TrySaveAsync(
            secret with { Description = "new" }, 2, [Version("v1", 1, "ACSPrevious"), Version("v3", 3, "ACSCurrent")], ["v2"], Ct);

        Assert.True(saved);
        var found = await Store.Secrets.FindAsync(A, "s", Ct);
        Assert.Equal(("new", 3L), (found!.Description, found.Revision));
        var versions = await Store.Secrets.ListVersionsAsync(A, "s", Ct);
        Assert.Equal(["v1", "v3"], versions.Select(v => v.VersionId));
        Assert.Equal(["ACSPrevious"], versions[0].Stages);
    }

    [Fact]
    public async Task TrySaveAsync_StaleRevision_FalseAndNothingWritten()
    {
        var secret = Secret(A, "s");
        await Store.Secrets.TryCreateAsync(secret, Version("v1", 1, "ACSCurrent"), Ct);
        await Store.Secrets.TrySaveAsync(secret, 1, [], [], Ct);

        var saved = await Store.Secrets.TrySaveAsync(secret with { Description = "lost" }, 1, [Version("v2", 2)], ["v1"], Ct);

        Assert.False(saved);
        Assert.Equal("", (await Store.Secrets.FindAsync(A, "s", Ct))!.Description);
        Assert.Equal(["v1"], (await Store.Secrets.ListVersionsAsync(A, "s", Ct)).Select(v => v.VersionId));
    }

    [Fact]
    public async Task TryDeleteAsync_CurrentRevision_RemovesSecretVersionsAndTagsOnly()
    {
        await Store.Secrets.TryCreateAsync(Secret(A, "s"), Version("v1", 1), Ct);
        await Store.Secrets.TryCreateAsync(Secret(A, "keep"), Version("v1", 2), Ct);
        await Store.Tags.TrySetAsync(A, "secret", ["s", "keep"], [new Tag("a", "1")], 20, Ct);

        Assert.False(await Store.Secrets.TryDeleteAsync(A, "s", 7, Ct));
        Assert.True(await Store.Secrets.TryDeleteAsync(A, "s", 1, Ct));

        Assert.Null(await Store.Secrets.FindAsync(A, "s", Ct));
        Assert.Empty(await Store.Secrets.ListVersionsAsync(A, "s", Ct));
        Assert.Empty(await Store.Tags.ListAsync(A, "secret", "s", Ct));
        Assert.Single(await Store.Tags.ListAsync(A, "secret", "keep", Ct));
        Assert.Single(await Store.Secrets.ListVersionsAsync(A, "keep", Ct));
    }

    [Fact]
    public async Task ListAsync_OrderedByCreationThenName_PerAccount()
    {
        await Store.Secrets.TryCreateAsync(Secret(A, "b", T0), Version("v", 1), Ct);
        await Store.Secrets.TryCreateAsync(Secret(A, "a", T0), Version("v", 2), Ct);
        await Store.Secrets.TryCreateAsync(Secret(A, "0-late", T0.AddSeconds(1)), Version("v", 3), Ct);
        await Store.Secrets.TryCreateAsync(Secret(B, "other", T0), Version("v", 4), Ct);

        var names = (await Store.Secrets.ListAsync(A, Ct)).Select(s => s.Name);

        Assert.Equal(["a", "b", "0-late"], names);
    }

    [Fact]
    public async Task ListDueForPurgeAsync_OnlyPlannedAtOrBeforeNow_AcrossAccounts()
    {
        await Store.Secrets.TryCreateAsync(Secret(A, "due") with { PlannedDeleteTime = T0 }, Version("v", 1), Ct);
        await Store.Secrets.TryCreateAsync(Secret(B, "due-b") with { PlannedDeleteTime = T0.AddSeconds(-5) }, Version("v", 2), Ct);
        await Store.Secrets.TryCreateAsync(Secret(A, "later") with { PlannedDeleteTime = T0.AddSeconds(1) }, Version("v", 3), Ct);
        await Store.Secrets.TryCreateAsync(Secret(A, "live"), Version("v", 4), Ct);

        var due = await Store.Secrets.ListDueForPurgeAsync(T0, 10, Ct);

        Assert.Equal(["due-b", "due"], due.Select(s => s.Name));
    }

    private static Secret Secret(AccountId account, string name, DateTimeOffset? created = null) =>
        new(account, name, "Generic", "", null, created ?? T0, created ?? T0, null, null, Revision: 1);

    private static SecretVersion Version(string id, int n, params string[] stages) =>
        new(id, T0.AddSeconds(n), n % 2 == 0 ? "binary" : "text", stages, Bytes(n, 92), Bytes(n + 100, 40));
}
