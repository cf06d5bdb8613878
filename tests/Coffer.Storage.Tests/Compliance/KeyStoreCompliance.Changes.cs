using Coffer.Core.Aliases;
using Coffer.Core.Keys;
using Coffer.Core.Tags;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The changing half of the key store contract: compare-and-swap, versions, deletion and the due lists.</summary>
public abstract partial class KeyStoreCompliance
{
    [Fact]
    public async Task TryUpdateAsync_CurrentRevision_WritesEveryMutableFieldAndIncrementsRevision()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);
        var changed = key with
        {
            State = KeyState.PendingDeletion,
            Description = "changed",
            LastRotationDate = T0.AddDays(1),
            DeleteDate = T0.AddDays(7),
            DeletionProtection = true,
            AutomaticRotation = AutomaticRotation.Enabled,
            RotationInterval = TimeSpan.FromDays(7),
            NextRotationDate = T0.AddDays(8),
            DeletionProtectionDescription = "why",
            Policy = "{\"Statement\":[]}",
            MaterialExpireTime = T0.AddDays(30),
        };

        var swapped = await Store.Keys.TryUpdateAsync(changed, key.Revision, Ct);

        Assert.True(swapped);
        Assert.Equal(changed with { Revision = key.Revision + 1 }, await Store.Keys.FindAsync(A, key.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateAsync_NullableFieldsCleared_AreStoredAsNull()
    {
        var (key, version) = Key(A, 1, state: KeyState.PendingDeletion);
        key = key with
        {
            AutomaticRotation = AutomaticRotation.Enabled,
            RotationInterval = TimeSpan.FromDays(7),
            NextRotationDate = T0,
            Policy = "{}",
            MaterialExpireTime = T0.AddDays(1),
        };
        await Store.Keys.CreateAsync(key, version, Ct);
        var cleared = key with
        {
            State = KeyState.Enabled,
            DeleteDate = null,
            AutomaticRotation = AutomaticRotation.Disabled,
            RotationInterval = null,
            NextRotationDate = null,
            Policy = null,
            MaterialExpireTime = null,
        };

        Assert.True(await Store.Keys.TryUpdateAsync(cleared, key.Revision, Ct));

        Assert.Equal(cleared with { Revision = key.Revision + 1 }, await Store.Keys.FindAsync(A, key.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateAsync_StaleRevision_ReturnsFalseAndWritesNothing()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);
        Assert.True(await Store.Keys.TryUpdateAsync(key with { Description = "first" }, key.Revision, Ct));

        var swapped = await Store.Keys.TryUpdateAsync(key with { Description = "second", State = KeyState.Disabled }, key.Revision, Ct);

        Assert.False(swapped);
        Assert.Equal(key with { Description = "first", Revision = key.Revision + 1 }, await Store.Keys.FindAsync(A, key.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateAsync_SuccessiveSwaps_EachNeedsTheLatestRevision()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        Assert.True(await Store.Keys.TryUpdateAsync(key with { State = KeyState.Disabled }, 1, Ct));
        Assert.True(await Store.Keys.TryUpdateAsync(key with { State = KeyState.Enabled }, 2, Ct));
        Assert.False(await Store.Keys.TryUpdateAsync(key with { State = KeyState.Disabled }, 2, Ct));

        Assert.Equal(key with { Revision = 3 }, await Store.Keys.FindAsync(A, key.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateAsync_UnknownKey_ReturnsFalse()
    {
        var (key, _) = Key(A, 1);

        Assert.False(await Store.Keys.TryUpdateAsync(key, key.Revision, Ct));
        Assert.Null(await Store.Keys.FindAsync(A, key.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateAsync_OtherKeys_Untouched()
    {
        var (key1, version1) = Key(A, 1);
        var (key2, version2) = Key(A, 2);
        await Store.Keys.CreateAsync(key1, version1, Ct);
        await Store.Keys.CreateAsync(key2, version2, Ct);

        Assert.True(await Store.Keys.TryUpdateAsync(key1 with { State = KeyState.Disabled }, 1, Ct));

        Assert.Equal(key2, await Store.Keys.FindAsync(A, key2.Id, Ct));
    }

    [Fact]
    public async Task TryAddVersionAsync_CurrentRevision_AddsTheVersionAndUpdatesTheKey()
    {
        var (key, first) = Key(A, 1);
        await Store.Keys.CreateAsync(key, first, Ct);
        var second = new KeyVersion(key.Id, new KeyVersionId(Id(2, 'b')), T0.AddDays(1), Bytes(2));
        var rotated = key with { PrimaryVersion = second.Id, LastRotationDate = second.CreationDate };

        var added = await Store.Keys.TryAddVersionAsync(rotated, key.Revision, second, Ct);

        Assert.True(added);
        Assert.Equal(rotated with { Revision = key.Revision + 1 }, await Store.Keys.FindAsync(A, key.Id, Ct));
        AssertSameVersion(second, (await Store.Keys.GetVersionAsync(key.Id, second.Id, Ct))!);
        var old = await Store.Keys.FindVersionAsync(A, first.Id, Ct);
        Assert.NotNull(old);
        AssertSameVersion(first, old.Value.Version);
        Assert.Equal(second.Id, old.Value.Key.PrimaryVersion);
    }

    [Fact]
    public async Task TryAddVersionAsync_StaleRevision_WritesNeitherKeyNorVersion()
    {
        var (key, first) = Key(A, 1);
        await Store.Keys.CreateAsync(key, first, Ct);
        Assert.True(await Store.Keys.TryUpdateAsync(key with { Description = "moved" }, key.Revision, Ct));
        var second = new KeyVersion(key.Id, new KeyVersionId(Id(2, 'b')), T0.AddDays(1), Bytes(2));

        var added = await Store.Keys.TryAddVersionAsync(key with { PrimaryVersion = second.Id }, key.Revision, second, Ct);

        Assert.False(added);
        Assert.Null(await Store.Keys.GetVersionAsync(key.Id, second.Id, Ct));
        Assert.Equal(key with { Description = "moved", Revision = 2 }, await Store.Keys.FindAsync(A, key.Id, Ct));
    }

    [Fact]
    public async Task TryAddVersionAsync_VersionCannotBeWritten_LeavesTheKeyUnchanged()
    {
        var (key1, version1) = Key(A, 1);
        var (key2, version2) = Key(A, 2);
        await Store.Keys.CreateAsync(key1, version1, Ct);
        await Store.Keys.CreateAsync(key2, version2, Ct);

        // The new version reuses the id of key 2's version, so it cannot be inserted after the key row is updated.
        var clash = new KeyVersion(key1.Id, version2.Id, T0.AddDays(1), Bytes(3));
        await Assert.ThrowsAnyAsync<Exception>(
            () => Store.Keys.TryAddVersionAsync(key1 with { PrimaryVersion = clash.Id }, key1.Revision, clash, Ct));

        Assert.Equal(key1, await Store.Keys.FindAsync(A, key1.Id, Ct));
    }

    [Fact]
    public async Task ListVersionsAsync_Pages_OldestFirstWithTheTrueTotal()
    {
        var (key, first) = Key(A, 1);
        await Store.Keys.CreateAsync(key, first, Ct);
        var versions = new List<KeyVersion> { first };
        for (var n = 2; n <= 4; n++)
        {
            var version = new KeyVersion(key.Id, new KeyVersionId(Id(10 - n, 'b')), T0.AddDays(n), Bytes(n));
            Assert.True(await Store.Keys.TryAddVersionAsync(key with { PrimaryVersion = version.Id }, n - 1, version, Ct));
            versions.Add(version);
        }

        var page1 = await Store.Keys.ListVersionsAsync(key.Id, 0, 2, Ct);
        var page2 = await Store.Keys.ListVersionsAsync(key.Id, 2, 2, Ct);
        var past = await Store.Keys.ListVersionsAsync(key.Id, 4, 2, Ct);

        Assert.Equal(versions.Take(2).Select(v => v.Id), page1.Items.Select(v => v.Id));
        Assert.Equal(versions.Skip(2).Select(v => v.Id), page2.Items.Select(v => v.Id));
        Assert.Empty(past.Items);
        Assert.All([page1, page2, past], page => Assert.Equal(4, page.TotalCount));
        AssertSameVersion(versions[2], page2.Items[0]);
    }

    [Fact]
    public async Task ListVersionsAsync_UnknownKey_EmptyWithZeroTotal()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        var (items, total) = await Store.Keys.ListVersionsAsync(new KeyId(Id(2)), 0, 10, Ct);

        Assert.Empty(items);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task TryDeleteAsync_CurrentRevision_RemovesTheKeyItsVersionsAliasesAndTags()
    {
        var (doomed, first) = Key(A, 1);
        var (kept, keptVersion) = Key(A, 2);
        await Store.Keys.CreateAsync(doomed, first, Ct);
        await Store.Keys.CreateAsync(kept, keptVersion, Ct);
        var second = new KeyVersion(doomed.Id, new KeyVersionId(Id(3, 'b')), T0.AddDays(1), Bytes(3));
        Assert.True(await Store.Keys.TryAddVersionAsync(doomed with { PrimaryVersion = second.Id }, 1, second, Ct));
        await AliasAsync(doomed, "alias/doomed");
        await AliasAsync(kept, "alias/kept");
        await TagAsync(doomed, kept);

        var deleted = await Store.Keys.TryDeleteAsync(doomed, 2, Ct);

        Assert.True(deleted);
        Assert.Null(await Store.Keys.FindAsync(A, doomed.Id, Ct));
        Assert.Null(await Store.Keys.FindVersionAsync(A, first.Id, Ct));
        Assert.Null(await Store.Keys.GetVersionAsync(doomed.Id, second.Id, Ct));
        Assert.Equal(0, (await Store.Keys.ListVersionsAsync(doomed.Id, 0, 10, Ct)).TotalCount);
        Assert.Null(await Store.Aliases.FindAsync(A, AliasName.Parse("alias/doomed"), Ct));
        Assert.Empty(await Store.Tags.ListAsync(A, TagRules.KeyResource, doomed.Id.Value, Ct));
        Assert.Equal(1, await Store.Keys.CountAsync(A, Ct));
        Assert.Equal(kept, await Store.Keys.FindAsync(A, kept.Id, Ct));
        Assert.NotNull(await Store.Keys.FindVersionAsync(A, keptVersion.Id, Ct));
        Assert.NotNull(await Store.Aliases.FindAsync(A, AliasName.Parse("alias/kept"), Ct));
        Assert.Single(await Store.Tags.ListAsync(A, TagRules.KeyResource, kept.Id.Value, Ct));
    }

    [Fact]
    public async Task TryDeleteAsync_StaleRevision_DeletesNothing()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);
        await AliasAsync(key, "alias/kept");
        await TagAsync(key);
        Assert.True(await Store.Keys.TryUpdateAsync(key with { Description = "moved" }, 1, Ct));

        var deleted = await Store.Keys.TryDeleteAsync(key, 1, Ct);

        Assert.False(deleted);
        Assert.NotNull(await Store.Keys.FindAsync(A, key.Id, Ct));
        Assert.NotNull(await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct));
        Assert.NotNull(await Store.Aliases.FindAsync(A, AliasName.Parse("alias/kept"), Ct));
        Assert.Single(await Store.Tags.ListAsync(A, TagRules.KeyResource, key.Id.Value, Ct));
    }

    [Fact]
    public async Task ListDueForDeletionAsync_KeysOfEveryAccountDueAtOrBeforeNow_SoonestFirst()
    {
        await CreateAsync(Key(A, 1).Key with { State = KeyState.PendingDeletion, DeleteDate = T0 }, 1);
        await CreateAsync(Key(B, 2).Key with { State = KeyState.PendingDeletion, DeleteDate = T0.AddSeconds(-1) }, 2);
        await CreateAsync(Key(A, 3).Key with { State = KeyState.PendingDeletion, DeleteDate = T0.AddSeconds(1) }, 3);
        await CreateAsync(Key(A, 4).Key, 4);

        var due = await Store.Keys.ListDueForDeletionAsync(T0, 10, Ct);
        var limited = await Store.Keys.ListDueForDeletionAsync(T0, 1, Ct);

        Assert.Equal([Id(2), Id(1)], due.Select(k => k.Id.Value));
        Assert.Equal([Id(2)], limited.Select(k => k.Id.Value));
        Assert.Equal(B, due[0].Account);
    }

    [Fact]
    public async Task ListDueForRotationAsync_KeysOfEveryAccountDueAtOrBeforeNow_SoonestFirst()
    {
        await CreateAsync(Rotating(Key(A, 1).Key, T0), 1);
        await CreateAsync(Rotating(Key(B, 2).Key, T0.AddSeconds(-1)), 2);
        await CreateAsync(Rotating(Key(A, 3).Key, T0.AddSeconds(1)), 3);
        await CreateAsync(Key(A, 4).Key, 4);

        var due = await Store.Keys.ListDueForRotationAsync(T0, 10, Ct);
        var limited = await Store.Keys.ListDueForRotationAsync(T0, 1, Ct);

        Assert.Equal([Id(2), Id(1)], due.Select(k => k.Id.Value));
        Assert.Equal([Id(2)], limited.Select(k => k.Id.Value));
    }

    private static Key Rotating(Key key, DateTimeOffset next) =>
        key with { AutomaticRotation = AutomaticRotation.Enabled, RotationInterval = TimeSpan.FromDays(7), NextRotationDate = next };

    private async Task CreateAsync(Key key, int n) => await Store.Keys.CreateAsync(key, Key(key.Account, n).Version, Ct);

    private async Task AliasAsync(Key key, string name) =>
        Assert.True(await Store.Aliases.TryCreateAsync(new KeyAlias(key.Account, AliasName.Parse(name), key.Id, T0), Ct));

    private async Task TagAsync(params Key[] keys) =>
        Assert.True(await Store.Tags.TrySetAsync(
            A, TagRules.KeyResource, [.. keys.Select(k => k.Id.Value)], [new Tag("team", "core")], maxTagsPerResource: 20, Ct));
}
