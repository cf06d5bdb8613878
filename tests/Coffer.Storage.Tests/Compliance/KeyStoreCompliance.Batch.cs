using Coffer.Core.Keys;
using Coffer.Core.Storage;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The batched creation of keys (group commit of CreateKey): per-key outcomes and the account key limit.</summary>
public abstract partial class KeyStoreCompliance
{
    [Fact]
    public async Task TryCreateBatchAsync_KeysOfTwoAccounts_StoresEveryKeyAndVersion()
    {
        var batch = new[] { Key(A, 1), Key(B, 2), Key(A, 3) }.Select(k => new KeyCreation(k.Key, k.Version, 10)).ToArray();

        var results = await Store.Keys.TryCreateBatchAsync(batch, Ct);

        Assert.All(results, r => Assert.Equal(KeyCreationOutcome.Created, r.Outcome));
        foreach (var creation in batch)
        {
            Assert.Equal(creation.Key, await Store.Keys.FindAsync(creation.Key.Account, creation.Key.Id, Ct));
            Assert.Equal(creation.FirstVersion.WrappedMaterial,
                (await Store.Keys.GetVersionAsync(creation.Key.Id, creation.FirstVersion.Id, Ct))!.WrappedMaterial);
        }

        Assert.Equal(2, await Store.Keys.CountAsync(A, Ct));
        Assert.Equal(1, await Store.Keys.CountAsync(B, Ct));
    }

    [Fact]
    public async Task TryCreateBatchAsync_LimitReachedInsideTheBatch_RefusesTheRestOfThatAccountOnly()
    {
        var (existing, existingVersion) = Key(A, 1);
        await Store.Keys.CreateAsync(existing, existingVersion, Ct);
        var batch = new[] { Key(A, 2), Key(A, 3), Key(B, 4), Key(A, 5) }.Select(k => new KeyCreation(k.Key, k.Version, 2)).ToArray();

        var results = await Store.Keys.TryCreateBatchAsync(batch, Ct);

        Assert.Equal(
            [KeyCreationOutcome.Created, KeyCreationOutcome.LimitExceeded, KeyCreationOutcome.Created, KeyCreationOutcome.LimitExceeded],
            results.Select(r => r.Outcome));
        Assert.Equal(2, await Store.Keys.CountAsync(A, Ct));
        Assert.Null(await Store.Keys.FindAsync(A, batch[1].Key.Id, Ct));
        Assert.Null(await Store.Keys.GetVersionAsync(batch[3].Key.Id, batch[3].FirstVersion.Id, Ct));
    }

    [Fact]
    public async Task TryCreateBatchAsync_OneKeyFailsAlone_OthersStoredAndNothingOfItLeft()
    {
        var (first, firstVersion) = Key(A, 1);
        var (clash, _) = Key(A, 2);
        // Same KeyId as the first key: its insert fails; its version ID is new, so a half-write would leave a version.
        var clashing = clash with { Id = first.Id };
        var clashingVersion = new KeyVersion(first.Id, new KeyVersionId(Id(99, 'b')), T0, Bytes(99));
        var (third, thirdVersion) = Key(A, 3);
        KeyCreation[] batch = [new(first, firstVersion, 10), new(clashing, clashingVersion, 10), new(third, thirdVersion, 10)];

        var results = await Store.Keys.TryCreateBatchAsync(batch, Ct);

        Assert.Equal([KeyCreationOutcome.Created, KeyCreationOutcome.Failed, KeyCreationOutcome.Created], results.Select(r => r.Outcome));
        Assert.IsType<StoreUnavailableException>(results[1].Failure);
        Assert.Equal(first, await Store.Keys.FindAsync(A, first.Id, Ct));
        Assert.Null(await Store.Keys.GetVersionAsync(first.Id, clashingVersion.Id, Ct));
        Assert.Equal(third, await Store.Keys.FindAsync(A, third.Id, Ct));
        Assert.Equal(2, await Store.Keys.CountAsync(A, Ct));
    }
}
