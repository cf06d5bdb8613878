using Coffer.Core.Errors;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.CreateAliasTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class ListAliasesTests
{
    [Fact]
    public async Task ListAliases_NoAliases_EmptyFirstPageOfTen()
    {
        await using var kms = await CreateAsync();

        var page = await List(kms, null, null);

        Assert.Empty(page.Aliases);
        Assert.Equal((1, 10, 0), (page.PageNumber, page.PageSize, page.TotalCount));
    }

    [Fact]
    public async Task ListAliases_AliasesMadeOverTime_OldestFirstWithTheirKeys()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/z-first", first.Id.Value);
        kms.Time.Advance(TimeSpan.FromSeconds(1));
        await CreateAliasAsync(kms, "alias/a-second", second.Id.Value);

        var page = await List(kms, null, null);

        Assert.Equal(["alias/z-first", "alias/a-second"], page.Aliases.Select(a => a.Name.Value));
        Assert.Equal([first.Id, second.Id], page.Aliases.Select(a => a.KeyId));
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task ListAliases_Pages_SliceInOrderWithTheTrueTotal()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateAliasAsync(kms, $"alias/a{i}", key.Id.Value);
            kms.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var second = await List(kms, 2, 2);
        var last = await List(kms, 3, 2);
        var past = await List(kms, 4, 2);

        Assert.Equal(["alias/a2", "alias/a3"], second.Aliases.Select(a => a.Name.Value));
        Assert.Equal(["alias/a4"], last.Aliases.Select(a => a.Name.Value));
        Assert.Empty(past.Aliases);
        Assert.All([second, last, past], p => Assert.Equal(5, p.TotalCount));
        Assert.Equal((4, 2), (past.PageNumber, past.PageSize));
    }

    [Fact]
    public async Task ListAliases_PageFarPastTheEnd_EmptyWithTheTotal()
    {
        await using var kms = await CreateAsync();
        await CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);

        var page = await List(kms, int.MaxValue, 100);

        Assert.Empty(page.Aliases);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task ListAliases_OtherAccountsAliases_NotListed()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);
        await kms.Get<CreateAlias>().HandleAsync(other, new CreateAliasRequest("alias/theirs", theirs.Id.Value), Ct);

        var page = await List(kms, null, null);

        Assert.Empty(page.Aliases);
        Assert.Equal(0, page.TotalCount);
    }

    [Theory]
    [InlineData(0, null, "PageNumber")]
    [InlineData(null, 0, "PageSize")]
    [InlineData(null, 101, "PageSize")]
    public async Task ListAliases_PagingOutOfRange_ThrowsInvalidParameterNamingIt(int? number, int? size, string name)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => List(kms, number, size));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(name, error.Detail);
    }

    private static Task<ListAliasesResult> List(KmsHarness kms, int? number, int? size) =>
        kms.Get<ListAliases>().HandleAsync(kms.Caller, new ListAliasesRequest(number, size), Ct);
}
