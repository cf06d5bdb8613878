using Coffer.Core.Accounts;
using Coffer.Core.Tags;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.ITagStore"/> contract, run against every provider.</summary>
public abstract class TagStoreCompliance : StoreCompliance
{
    private const string KeyType = TagRules.KeyResource;
    private const string SecretType = "secret";
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
    public async Task TrySetAsync_NewTags_ListedByKey()
    {
        var set = await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("zone", "z"), new("app", "a b"), new("Env", "prod")], 20, Ct);

        Assert.True(set);
        Assert.Equal([new Tag("Env", "prod"), new Tag("app", "a b"), new Tag("zone", "z")], await Store.Tags.ListAsync(A, KeyType, "r1", Ct));
    }

    [Fact]
    public async Task TrySetAsync_ExistingKey_OverwritesItsValue()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("app", "old"), new("env", "dev")], 20, Ct));

        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("app", "new")], 20, Ct));

        Assert.Equal([new Tag("app", "new"), new Tag("env", "dev")], await Store.Tags.ListAsync(A, KeyType, "r1", Ct));
    }

    [Fact]
    public async Task TrySetAsync_SeveralResources_TagsEach()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1", "r2"], [new("app", "a")], 20, Ct));

        Assert.Equal([new Tag("app", "a")], await Store.Tags.ListAsync(A, KeyType, "r1", Ct));
        Assert.Equal([new Tag("app", "a")], await Store.Tags.ListAsync(A, KeyType, "r2", Ct));
    }

    [Fact]
    public async Task TrySetAsync_UpToTheLimit_Accepted()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("a", "1")], 2, Ct));

        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("b", "2"), new("a", "3")], 2, Ct));

        Assert.Equal(2, (await Store.Tags.ListAsync(A, KeyType, "r1", Ct)).Count);
    }

    [Fact]
    public async Task TrySetAsync_OverTheLimitOnAnyResource_ReturnsFalseAndWritesNothing()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r2"], [new("a", "1"), new("b", "1")], 2, Ct));

        var set = await Store.Tags.TrySetAsync(A, KeyType, ["r1", "r2"], [new("c", "1"), new("a", "changed")], 2, Ct);

        Assert.False(set);
        Assert.Empty(await Store.Tags.ListAsync(A, KeyType, "r1", Ct));
        Assert.Equal([new Tag("a", "1"), new Tag("b", "1")], await Store.Tags.ListAsync(A, KeyType, "r2", Ct));
    }

    [Fact]
    public async Task TrySetAsync_LimitCountsPerResourceTypeAndAccount()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, SecretType, ["r1"], [new("a", "1")], 1, Ct));
        Assert.True(await Store.Tags.TrySetAsync(B, KeyType, ["r1"], [new("a", "1")], 1, Ct));

        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("b", "1")], 1, Ct));
    }

    [Fact]
    public async Task ListAsync_OtherAccountOrResourceType_SeesNothing()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("app", "a")], 20, Ct));

        Assert.Empty(await Store.Tags.ListAsync(B, KeyType, "r1", Ct));
        Assert.Empty(await Store.Tags.ListAsync(A, SecretType, "r1", Ct));
        Assert.Empty(await Store.Tags.ListAsync(A, KeyType, "r2", Ct));
    }

    [Fact]
    public async Task RemoveAsync_NamedKeys_RemovesOnlyThem()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1", "r2"], [new("a", "1"), new("b", "2"), new("c", "3")], 20, Ct));

        await Store.Tags.RemoveAsync(A, KeyType, ["r1"], ["a", "c", "missing"], Ct);

        Assert.Equal([new Tag("b", "2")], await Store.Tags.ListAsync(A, KeyType, "r1", Ct));
        Assert.Equal(3, (await Store.Tags.ListAsync(A, KeyType, "r2", Ct)).Count);
    }

    [Fact]
    public async Task RemoveAsync_NullKeys_RemovesEveryTagOfTheResources()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1", "r2", "r3"], [new("a", "1"), new("b", "2")], 20, Ct));
        Assert.True(await Store.Tags.TrySetAsync(B, KeyType, ["r1"], [new("a", "1")], 20, Ct));

        await Store.Tags.RemoveAsync(A, KeyType, ["r1", "r2"], null, Ct);

        Assert.Empty(await Store.Tags.ListAsync(A, KeyType, "r1", Ct));
        Assert.Empty(await Store.Tags.ListAsync(A, KeyType, "r2", Ct));
        Assert.Equal(2, (await Store.Tags.ListAsync(A, KeyType, "r3", Ct)).Count);
        Assert.Single(await Store.Tags.ListAsync(B, KeyType, "r1", Ct));
    }

    [Fact]
    public async Task ListRowsAsync_RowsOfAType_OrderedByResourceThenKeyWithPages()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r2"], [new("b", "2"), new("a", "1")], 20, Ct));
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1"], [new("z", "9")], 20, Ct));
        Assert.True(await Store.Tags.TrySetAsync(A, SecretType, ["r0"], [new("s", "0")], 20, Ct));
        Assert.True(await Store.Tags.TrySetAsync(B, KeyType, ["r0"], [new("o", "0")], 20, Ct));

        var all = await Store.Tags.ListRowsAsync(A, KeyType, null, 0, 10, Ct);
        var second = await Store.Tags.ListRowsAsync(A, KeyType, null, 1, 1, Ct);
        var past = await Store.Tags.ListRowsAsync(A, KeyType, null, 3, 10, Ct);

        Assert.Equal([("r1", new Tag("z", "9")), ("r2", new Tag("a", "1")), ("r2", new Tag("b", "2"))], all);
        Assert.Equal([("r2", new Tag("a", "1"))], second);
        Assert.Empty(past);
    }

    [Fact]
    public async Task ListRowsAsync_SomeResources_OnlyTheirRows()
    {
        Assert.True(await Store.Tags.TrySetAsync(A, KeyType, ["r1", "r2", "r3"], [new("a", "1")], 20, Ct));

        var rows = await Store.Tags.ListRowsAsync(A, KeyType, ["r3", "r1", "missing"], 0, 10, Ct);

        Assert.Equal(["r1", "r3"], rows.Select(r => r.ResourceId));
    }
}
