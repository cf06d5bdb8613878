using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class ListKeysTests
{
    [Fact]
    public async Task ListKeys_NoKeys_EmptyFirstPageOfTen()
    {
        await using var kms = await CreateAsync();

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(null, null), Ct);

        Assert.Empty(page.Keys);
        Assert.Equal(1, page.PageNumber);
        Assert.Equal(10, page.PageSize);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task ListKeys_KeysMadeOverTime_OldestFirst()
    {
        await using var kms = await CreateAsync();
        var made = new List<KeyId>();
        for (var i = 0; i < 3; i++)
        {
            made.Add((await kms.CreateKeyAsync()).Id);
            kms.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(null, null), Ct);

        Assert.Equal(made, page.Keys.Select(k => k.Id));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task ListKeys_KeysMadeInTheSameSecond_OrderedById()
    {
        await using var kms = await CreateAsync();
        var made = new List<KeyId>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await kms.CreateKeyAsync()).Id);
        }

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(null, null), Ct);

        Assert.Equal(made.Select(k => k.Value).Order(StringComparer.Ordinal), page.Keys.Select(k => k.Id.Value));
    }

    [Fact]
    public async Task ListKeys_Pages_SliceInOrderWithTheTrueTotal()
    {
        await using var kms = await CreateAsync();
        var made = new List<KeyId>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await kms.CreateKeyAsync()).Id);
            kms.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var handler = kms.Get<ListKeys>();
        var first = await handler.HandleAsync(kms.Caller, new ListKeysRequest(1, 2), Ct);
        var second = await handler.HandleAsync(kms.Caller, new ListKeysRequest(2, 2), Ct);
        var third = await handler.HandleAsync(kms.Caller, new ListKeysRequest(3, 2), Ct);
        var past = await handler.HandleAsync(kms.Caller, new ListKeysRequest(4, 2), Ct);

        Assert.Equal(made[0..2], first.Keys.Select(k => k.Id));
        Assert.Equal(made[2..4], second.Keys.Select(k => k.Id));
        Assert.Equal(made[4..], third.Keys.Select(k => k.Id));
        Assert.Empty(past.Keys);
        Assert.All([first, second, third, past], p => Assert.Equal(5, p.TotalCount));
        Assert.Equal(4, past.PageNumber);
        Assert.Equal(2, past.PageSize);
    }

    [Fact]
    public async Task ListKeys_HugePageNumber_EmptyPageWithTheTrueTotal()
    {
        await using var kms = await CreateAsync();
        await kms.CreateKeyAsync();

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(int.MaxValue, 100), Ct);

        Assert.Empty(page.Keys);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task ListKeys_EveryState_Listed()
    {
        await using var kms = await CreateAsync();
        foreach (var state in Enum.GetValues<KeyState>())
        {
            await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);
        }

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(null, null), Ct);

        Assert.Equal(Enum.GetValues<KeyState>().Order(), page.Keys.Select(k => k.State).Order());
    }

    [Fact]
    public async Task ListKeys_OtherAccountsKeys_NotListed()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        await kms.CreateKeyAsync(caller: other);
        var mine = await kms.CreateKeyAsync();

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(null, null), Ct);

        Assert.Equal([mine.Id], page.Keys.Select(k => k.Id));
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData(0, null, "PageNumber")]
    [InlineData(-1, null, "PageNumber")]
    [InlineData(null, 0, "PageSize")]
    [InlineData(null, 101, "PageSize")]
    [InlineData(null, -5, "PageSize")]
    public async Task ListKeys_PagingOutOfRange_ThrowsInvalidParameter(int? number, int? size, string parameter)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(number, size), Ct));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(parameter, error.Detail);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task ListKeys_PageSizeAtTheBounds_Accepted(int size)
    {
        await using var kms = await CreateAsync();

        var page = await kms.Get<ListKeys>().HandleAsync(kms.Caller, new ListKeysRequest(1, size), Ct);

        Assert.Equal(size, page.PageSize);
    }
}
