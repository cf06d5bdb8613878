using Coffer.Core.Accounts;
using Coffer.Core.Keys;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IKeyStore"/> contract, run against every provider.</summary>
public abstract partial class KeyStoreCompliance : StoreCompliance
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
    public async Task FindAsync_CreatedKey_ReturnsEveryField()
    {
        var (key, version) = Key(A, 1, state: KeyState.PendingDeletion, spec: KeySpec.AliyunSm4);
        key = key with
        {
            DeletionProtection = true,
            Description = "déjà vu ✓",
            Revision = 7,
            AutomaticRotation = AutomaticRotation.Suspended,
            RotationInterval = TimeSpan.FromDays(30),
            NextRotationDate = T0.AddDays(30),
            DeletionProtectionDescription = "keep ✓",
            Policy = "{\"Version\":\"1\"}",
            MaterialExpireTime = T0.AddDays(90),
        };
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.FindAsync(A, key.Id, Ct);

        Assert.Equal(key, found);
    }

    [Fact]
    public async Task FindAsync_KeyOfAnotherAccount_ReturnsNull()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.FindAsync(B, key.Id, Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        Assert.Null(await Store.Keys.FindAsync(A, new KeyId(Id(2)), Ct));
        Assert.Null(await Store.Keys.FindAsync(A, new KeyId("not-a-guid"), Ct));
    }

    [Fact]
    public async Task FindWithPrimaryVersionAsync_OwnKey_ReturnsTheKeyAndItsPrimaryVersion()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.FindWithPrimaryVersionAsync(A, key.Id, Ct);

        Assert.NotNull(found);
        Assert.Equal(key, found.Value.Key);
        AssertSameVersion(version, found.Value.PrimaryVersion!);
    }

    [Fact]
    public async Task FindWithPrimaryVersionAsync_AfterARotation_ReturnsTheNewPrimaryVersion()
    {
        var (key, first) = Key(A, 1);
        await Store.Keys.CreateAsync(key, first, Ct);
        var second = new KeyVersion(key.Id, new KeyVersionId(Id(2, 'b')), T0.AddDays(1), Bytes(2));
        Assert.True(await Store.Keys.TryAddVersionAsync(key with { PrimaryVersion = second.Id, LastRotationDate = T0.AddDays(1) }, key.Revision, second, Ct));

        var found = await Store.Keys.FindWithPrimaryVersionAsync(A, key.Id, Ct);

        Assert.Equal(second.Id, found!.Value.Key.PrimaryVersion);
        AssertSameVersion(second, found.Value.PrimaryVersion!);
    }

    [Fact]
    public async Task FindWithPrimaryVersionAsync_KeyOfAnotherAccountOrUnknown_ReturnsNull()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        Assert.Null(await Store.Keys.FindWithPrimaryVersionAsync(B, key.Id, Ct));
        Assert.Null(await Store.Keys.FindWithPrimaryVersionAsync(A, new KeyId(Id(9)), Ct));
    }

    [Fact]
    public async Task FindVersionAsync_OwnVersion_ReturnsKeyAndVersionWithMaterialIntact()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.FindVersionAsync(A, version.Id, Ct);

        Assert.NotNull(found);
        Assert.Equal(key, found.Value.Key);
        AssertSameVersion(version, found.Value.Version);
    }

    [Fact]
    public async Task FindVersionAsync_VersionOfAnotherAccount_ReturnsNull()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.FindVersionAsync(B, version.Id, Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindVersionAsync_UnknownVersion_ReturnsNull()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        Assert.Null(await Store.Keys.FindVersionAsync(A, new KeyVersionId(Id(9, 'b')), Ct));
        Assert.Null(await Store.Keys.FindVersionAsync(A, new KeyVersionId(key.Id.Value), Ct));
    }

    [Fact]
    public async Task GetVersionAsync_VersionOfTheKey_ReturnsIt()
    {
        var (key, version) = Key(A, 1);
        await Store.Keys.CreateAsync(key, version, Ct);

        var found = await Store.Keys.GetVersionAsync(key.Id, version.Id, Ct);

        Assert.NotNull(found);
        AssertSameVersion(version, found);
    }

    [Fact]
    public async Task GetVersionAsync_VersionOfAnotherKey_ReturnsNull()
    {
        var (key1, version1) = Key(A, 1);
        var (key2, version2) = Key(A, 2);
        await Store.Keys.CreateAsync(key1, version1, Ct);
        await Store.Keys.CreateAsync(key2, version2, Ct);

        var found = await Store.Keys.GetVersionAsync(key1.Id, version2.Id, Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task CreateAsync_VersionInsertFails_StoresNothing()
    {
        var (key1, version1) = Key(A, 1);
        await Store.Keys.CreateAsync(key1, version1, Ct);
        var (key2, _) = Key(A, 2);

        // The second key's first version reuses an existing version id, so the version row cannot be written.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Keys.CreateAsync(key2, version1 with { KeyId = key2.Id }, Ct));

        Assert.Null(await Store.Keys.FindAsync(A, key2.Id, Ct));
        Assert.Equal(1, await Store.Keys.CountAsync(A, Ct));
    }

    [Fact]
    public async Task ListAsync_KeysCreatedOutOfOrder_OrderedByCreationTimeThenId()
    {
        // Inserted in an order that is neither creation order nor id order.
        await CreateKeyAsync(A, 5, T0.AddSeconds(1));
        await CreateKeyAsync(A, 3, T0.AddSeconds(2));
        await CreateKeyAsync(A, 4, T0);
        await CreateKeyAsync(A, 1, T0.AddSeconds(1));
        await CreateKeyAsync(A, 2, T0);

        var (items, total) = await Store.Keys.ListAsync(A, 0, 100, Ct);

        Assert.Equal(5, total);
        Assert.Equal([Id(2), Id(4), Id(1), Id(5), Id(3)], items.Select(k => k.Id.Value));
    }

    [Fact]
    public async Task ListAsync_Pages_ReturnTheRightSliceAndTheTrueTotal()
    {
        for (var n = 1; n <= 5; n++)
        {
            await CreateKeyAsync(A, n, T0.AddSeconds(n));
        }

        var first = await Store.Keys.ListAsync(A, 0, 2, Ct);
        var second = await Store.Keys.ListAsync(A, 2, 2, Ct);
        var last = await Store.Keys.ListAsync(A, 4, 2, Ct);
        var past = await Store.Keys.ListAsync(A, 5, 2, Ct);
        var farPast = await Store.Keys.ListAsync(A, int.MaxValue, 100, Ct);

        Assert.Equal([Id(1), Id(2)], first.Items.Select(k => k.Id.Value));
        Assert.Equal([Id(3), Id(4)], second.Items.Select(k => k.Id.Value));
        Assert.Equal([Id(5)], last.Items.Select(k => k.Id.Value));
        Assert.Empty(past.Items);
        Assert.Empty(farPast.Items);
        Assert.All([first, second, last, past, farPast], page => Assert.Equal(5, page.TotalCount));
    }

    [Fact]
    public async Task ListAsync_OtherAccountsKeys_NotListedNorCounted()
    {
        await CreateKeyAsync(A, 1, T0);
        await CreateKeyAsync(B, 2, T0);
        await CreateKeyAsync(A, 3, T0);

        var (items, total) = await Store.Keys.ListAsync(A, 0, 10, Ct);

        Assert.Equal(2, total);
        Assert.Equal([Id(1), Id(3)], items.Select(k => k.Id.Value));
        Assert.All(items, k => Assert.Equal(A, k.Account));
    }

    [Fact]
    public async Task ListAsync_EmptyAccount_ReturnsNothingWithZeroTotal()
    {
        await CreateKeyAsync(B, 1, T0);

        var (items, total) = await Store.Keys.ListAsync(A, 0, 10, Ct);

        Assert.Empty(items);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task ListAsync_Items_CarryEveryField()
    {
        var (key, version) = Key(A, 1, state: KeyState.Disabled, spec: KeySpec.AliyunAes192);
        await Store.Keys.CreateAsync(key, version, Ct);

        var (items, _) = await Store.Keys.ListAsync(A, 0, 10, Ct);

        Assert.Equal(key, Assert.Single(items));
    }

    [Fact]
    public async Task CountAsync_PerAccount_IncludesEveryState()
    {
        var states = Enum.GetValues<KeyState>();
        for (var n = 0; n < states.Length; n++)
        {
            var (key, version) = Key(A, n + 1, state: states[n]);
            await Store.Keys.CreateAsync(key, version, Ct);
        }

        await CreateKeyAsync(B, 99, T0);

        Assert.Equal(states.Length, await Store.Keys.CountAsync(A, Ct));
        Assert.Equal(1, await Store.Keys.CountAsync(B, Ct));
        Assert.Equal(0, await Store.Keys.CountAsync(AccountId(3), Ct));
    }

    private async Task CreateKeyAsync(AccountId account, int n, DateTimeOffset created)
    {
        var (key, version) = Key(account, n, created);
        await Store.Keys.CreateAsync(key, version, Ct);
    }

    private static void AssertSameVersion(KeyVersion expected, KeyVersion actual)
    {
        Assert.Equal(expected.KeyId, actual.KeyId);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.CreationDate, actual.CreationDate);
        Assert.Equal(expected.WrappedMaterial, actual.WrappedMaterial);
        Assert.Equal(expected.PublicKey, actual.PublicKey);
    }
}
