using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Keys;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IAliasStore"/> contract, run against every provider.</summary>
public abstract class AliasStoreCompliance : StoreCompliance
{
    private static readonly AccountId A = AccountId(1);
    private static readonly AccountId B = AccountId(2);
    private static readonly KeyId KeyA1 = new(Id(1));
    private static readonly KeyId KeyA2 = new(Id(2));
    private static readonly KeyId KeyB3 = new(Id(3));

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.Accounts.CreateAsync(Account(1), Ct);
        await Store.Accounts.CreateAsync(Account(2), Ct);
        foreach (var (account, n) in new[] { (A, 1), (A, 2), (B, 3) })
        {
            var (key, version) = Key(account, n);
            await Store.Keys.CreateAsync(key, version, Ct);
        }
    }

    [Fact]
    public async Task TryCreateAsync_NewName_IsFoundWithEveryField()
    {
        var alias = Alias(A, "alias/team/app_1-x", KeyA1, T0.AddSeconds(3));

        var created = await Store.Aliases.TryCreateAsync(alias, Ct);

        Assert.True(created);
        Assert.Equal(alias, await Store.Aliases.FindAsync(A, alias.Name, Ct));
    }

    [Fact]
    public async Task TryCreateAsync_NameTakenInTheAccount_ReturnsFalseAndKeepsTheFirst()
    {
        var first = Alias(A, "alias/mine", KeyA1);
        Assert.True(await Store.Aliases.TryCreateAsync(first, Ct));

        var created = await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA2), Ct);

        Assert.False(created);
        Assert.Equal(first, await Store.Aliases.FindAsync(A, first.Name, Ct));
        Assert.Equal(1, await Store.Aliases.CountAsync(A, Ct));
    }

    [Fact]
    public async Task TryCreateAsync_SameNameInAnotherAccount_IsIndependent()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA1), Ct));

        var created = await Store.Aliases.TryCreateAsync(Alias(B, "alias/mine", KeyB3), Ct);

        Assert.True(created);
        Assert.Equal(KeyA1, (await Store.Aliases.FindAsync(A, AliasName.Parse("alias/mine"), Ct))!.KeyId);
        Assert.Equal(KeyB3, (await Store.Aliases.FindAsync(B, AliasName.Parse("alias/mine"), Ct))!.KeyId);
    }

    [Fact]
    public async Task TryCreateAsync_NamesDifferingOnlyInCase_AreDistinct()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA1), Ct));

        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/Mine", KeyA2), Ct));

        Assert.Equal(KeyA2, (await Store.Aliases.FindAsync(A, AliasName.Parse("alias/Mine"), Ct))!.KeyId);
    }

    [Fact]
    public async Task FindAsync_UnknownNameOrOtherAccount_ReturnsNull()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA1), Ct));

        Assert.Null(await Store.Aliases.FindAsync(A, AliasName.Parse("alias/other"), Ct));
        Assert.Null(await Store.Aliases.FindAsync(B, AliasName.Parse("alias/mine"), Ct));
    }

    [Fact]
    public async Task TryRetargetAsync_ExistingAlias_PointsAtTheNewKey()
    {
        var alias = Alias(A, "alias/mine", KeyA1);
        Assert.True(await Store.Aliases.TryCreateAsync(alias, Ct));

        var retargeted = await Store.Aliases.TryRetargetAsync(A, alias.Name, KeyA2, Ct);

        Assert.True(retargeted);
        Assert.Equal(alias with { KeyId = KeyA2 }, await Store.Aliases.FindAsync(A, alias.Name, Ct));
    }

    [Fact]
    public async Task TryRetargetAsync_UnknownAliasOrOtherAccount_ReturnsFalse()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(B, "alias/theirs", KeyB3), Ct));

        Assert.False(await Store.Aliases.TryRetargetAsync(A, AliasName.Parse("alias/none"), KeyA1, Ct));
        Assert.False(await Store.Aliases.TryRetargetAsync(A, AliasName.Parse("alias/theirs"), KeyA1, Ct));
        Assert.Equal(KeyB3, (await Store.Aliases.FindAsync(B, AliasName.Parse("alias/theirs"), Ct))!.KeyId);
    }

    [Fact]
    public async Task TryDeleteAsync_ExistingAlias_RemovesOnlyIt()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA1), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/other", KeyA1), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(B, "alias/mine", KeyB3), Ct));

        var deleted = await Store.Aliases.TryDeleteAsync(A, AliasName.Parse("alias/mine"), Ct);

        Assert.True(deleted);
        Assert.Null(await Store.Aliases.FindAsync(A, AliasName.Parse("alias/mine"), Ct));
        Assert.NotNull(await Store.Aliases.FindAsync(A, AliasName.Parse("alias/other"), Ct));
        Assert.NotNull(await Store.Aliases.FindAsync(B, AliasName.Parse("alias/mine"), Ct));
        Assert.NotNull(await Store.Keys.FindAsync(A, KeyA1, Ct));
    }

    [Fact]
    public async Task TryDeleteAsync_UnknownAlias_ReturnsFalse()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(B, "alias/theirs", KeyB3), Ct));

        Assert.False(await Store.Aliases.TryDeleteAsync(A, AliasName.Parse("alias/none"), Ct));
        Assert.False(await Store.Aliases.TryDeleteAsync(A, AliasName.Parse("alias/theirs"), Ct));
    }

    [Fact]
    public async Task TryDeleteAsync_ThenCreate_NameIsFreeAgain()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA1), Ct));
        Assert.True(await Store.Aliases.TryDeleteAsync(A, AliasName.Parse("alias/mine"), Ct));

        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/mine", KeyA2), Ct));
    }

    [Fact]
    public async Task ListAsync_Aliases_OrderedByCreationTimeThenNameWithPagesAndTrueTotal()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/c", KeyA1, T0), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/a", KeyA2, T0.AddSeconds(1)), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/b", KeyA1, T0), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(B, "alias/0", KeyB3, T0), Ct));

        var all = await Store.Aliases.ListAsync(A, null, 0, 10, Ct);
        var page2 = await Store.Aliases.ListAsync(A, null, 2, 2, Ct);
        var past = await Store.Aliases.ListAsync(A, null, 3, 2, Ct);

        Assert.Equal(["alias/b", "alias/c", "alias/a"], all.Items.Select(a => a.Name.Value));
        Assert.Equal(["alias/a"], page2.Items.Select(a => a.Name.Value));
        Assert.Empty(past.Items);
        Assert.All([all, page2, past], page => Assert.Equal(3, page.TotalCount));
    }

    [Fact]
    public async Task ListAsync_OneKey_ListsAndCountsOnlyItsAliases()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/one", KeyA1, T0), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/two", KeyA2, T0), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/three", KeyA1, T0.AddSeconds(1)), Ct));

        var (items, total) = await Store.Aliases.ListAsync(A, KeyA1, 0, 10, Ct);

        Assert.Equal(["alias/one", "alias/three"], items.Select(a => a.Name.Value));
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task ListAsync_KeyOfAnotherAccount_ReturnsNothing()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(B, "alias/theirs", KeyB3), Ct));

        var (items, total) = await Store.Aliases.ListAsync(A, KeyB3, 0, 10, Ct);

        Assert.Empty(items);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task CountAsync_PerAccount()
    {
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/one", KeyA1), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(A, "alias/two", KeyA2), Ct));
        Assert.True(await Store.Aliases.TryCreateAsync(Alias(B, "alias/one", KeyB3), Ct));

        Assert.Equal(2, await Store.Aliases.CountAsync(A, Ct));
        Assert.Equal(1, await Store.Aliases.CountAsync(B, Ct));
        Assert.Equal(0, await Store.Aliases.CountAsync(AccountId(3), Ct));
    }

    private static KeyAlias Alias(AccountId account, string name, KeyId key, DateTimeOffset? created = null) =>
        new(account, AliasName.Parse(name), key, created ?? T0);
}
