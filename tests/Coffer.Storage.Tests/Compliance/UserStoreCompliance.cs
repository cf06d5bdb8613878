using Coffer.Core.Accounts;
using Coffer.Core.Users;
using static Coffer.Storage.Tests.Compliance.StoreTestData;

namespace Coffer.Storage.Tests.Compliance;

/// <summary>The <see cref="Core.Storage.IUserStore"/> contract, run against every provider.</summary>
public abstract class UserStoreCompliance : StoreCompliance
{
    private const string Document = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}""";

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
    public async Task TryCreateAsync_NewName_StoresEveryField()
    {
        var user = new User(A, "alice", T0);

        var created = await Store.Users.TryCreateAsync(user, Ct);

        Assert.True(created);
        Assert.Equal(user, await Store.Users.FindAsync(A, "alice", Ct));
    }

    [Fact]
    public async Task TryCreateAsync_TakenNameInSameAccount_ReturnsFalseAndKeepsTheFirst()
    {
        await Store.Users.TryCreateAsync(new User(A, "alice", T0), Ct);

        var created = await Store.Users.TryCreateAsync(new User(A, "alice", T0.AddDays(1)), Ct);

        Assert.False(created);
        Assert.Equal(T0, (await Store.Users.FindAsync(A, "alice", Ct))!.CreationDate);
    }

    [Fact]
    public async Task TryCreateAsync_SameNameInAnotherAccount_IsAnotherUser()
    {
        await Store.Users.TryCreateAsync(new User(A, "alice", T0), Ct);

        var created = await Store.Users.TryCreateAsync(new User(B, "alice", T0), Ct);

        Assert.True(created);
        Assert.Single(await Store.Users.ListAsync(A, Ct));
        Assert.Single(await Store.Users.ListAsync(B, Ct));
    }

    [Fact]
    public async Task FindAsync_NameIsCaseSensitiveAndAccountScoped()
    {
        await Store.Users.TryCreateAsync(new User(A, "alice", T0), Ct);

        Assert.Null(await Store.Users.FindAsync(A, "Alice", Ct));
        Assert.Null(await Store.Users.FindAsync(B, "alice", Ct));
    }

    [Fact]
    public async Task ListAsync_Users_OldestFirstThenByName()
    {
        await Store.Users.TryCreateAsync(new User(A, "carol", T0), Ct);
        await Store.Users.TryCreateAsync(new User(A, "alice", T0.AddSeconds(1)), Ct);
        await Store.Users.TryCreateAsync(new User(A, "bob", T0), Ct);

        var users = await Store.Users.ListAsync(A, Ct);

        Assert.Equal(["bob", "carol", "alice"], users.Select(u => u.Name));
    }

    [Fact]
    public async Task AttachPolicyAsync_SameNameTwice_ReplacesTheDocument()
    {
        await Store.Users.TryCreateAsync(new User(A, "alice", T0), Ct);
        await Store.Users.AttachPolicyAsync(new AttachedPolicy(A, "alice", "p1", Document, T0), Ct);
        var replacement = Document.Replace("Allow", "Deny", StringComparison.Ordinal);

        await Store.Users.AttachPolicyAsync(new AttachedPolicy(A, "alice", "p1", replacement, T0.AddSeconds(5)), Ct);

        var policy = Assert.Single(await Store.Users.ListPoliciesAsync(A, "alice", Ct));
        Assert.Equal(new AttachedPolicy(A, "alice", "p1", replacement, T0.AddSeconds(5)), policy);
    }

    [Fact]
    public async Task ListPoliciesAsync_SeveralPolicies_OrderedByNameAndScopedToTheUser()
    {
        await Store.Users.TryCreateAsync(new User(A, "alice", T0), Ct);
        await Store.Users.TryCreateAsync(new User(A, "bob", T0), Ct);
        await Store.Users.TryCreateAsync(new User(B, "alice", T0), Ct);
        await Store.Users.AttachPolicyAsync(new AttachedPolicy(A, "alice", "zeta", Document, T0), Ct);
        await Store.Users.AttachPolicyAsync(new AttachedPolicy(A, "alice", "alpha", Document, T0), Ct);
        await Store.Users.AttachPolicyAsync(new AttachedPolicy(A, "bob", "bobs", Document, T0), Ct);

        var alice = await Store.Users.ListPoliciesAsync(A, "alice", Ct);

        Assert.Equal(["alpha", "zeta"], alice.Select(p => p.PolicyName));
        Assert.Empty(await Store.Users.ListPoliciesAsync(B, "alice", Ct));
        Assert.Empty(await Store.Users.ListPoliciesAsync(A, "nobody", Ct));
    }

    [Fact]
    public async Task DetachPolicyAsync_AttachedThenAbsent_TrueThenFalse()
    {
        await Store.Users.TryCreateAsync(new User(A, "alice", T0), Ct);
        await Store.Users.AttachPolicyAsync(new AttachedPolicy(A, "alice", "p1", Document, T0), Ct);

        var first = await Store.Users.DetachPolicyAsync(A, "alice", "p1", Ct);
        var second = await Store.Users.DetachPolicyAsync(A, "alice", "p1", Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(await Store.Users.ListPoliciesAsync(A, "alice", Ct));
    }
}
