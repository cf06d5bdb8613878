using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.CreateAliasTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class ListAliasesByKeyIdTests
{
    [Fact]
    public async Task ListAliasesByKeyId_TwoKeys_ListsOnlyTheNamedKeysAliases()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var other = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/mine-1", key.Id.Value);
        await CreateAliasAsync(kms, "alias/other", other.Id.Value);
        kms.Time.Advance(TimeSpan.FromSeconds(1));
        await CreateAliasAsync(kms, "alias/mine-2", key.Id.Value);

        var page = await List(kms, key.Id.Value, null, null);

        Assert.Equal(["alias/mine-1", "alias/mine-2"], page.Aliases.Select(a => a.Name.Value));
        Assert.Equal((1, 10, 2), (page.PageNumber, page.PageSize, page.TotalCount));
    }

    [Fact]
    public async Task ListAliasesByKeyId_KeyArn_ResolvesToTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);

        var page = await List(kms, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id), null, null);

        Assert.Equal(["alias/a"], page.Aliases.Select(a => a.Name.Value));
    }

    [Fact]
    public async Task ListAliasesByKeyId_Pages_SliceWithTheKeysTotal()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/other", (await kms.CreateKeyAsync()).Id.Value);
        for (var i = 0; i < 3; i++)
        {
            await CreateAliasAsync(kms, $"alias/k{i}", key.Id.Value);
            kms.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await List(kms, key.Id.Value, 2, 2);

        Assert.Equal(["alias/k2"], page.Aliases.Select(a => a.Name.Value));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task ListAliasesByKeyId_KeyPendingDeletion_StillLists()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);
        Assert.True(await kms.Keys.TryUpdateAsync(key with { State = KeyState.PendingDeletion }, key.Revision, Ct));

        var page = await List(kms, key.Id.Value, null, null);

        Assert.Single(page.Aliases);
    }

    [Theory]
    [InlineData("alias/a")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/a")]
    public async Task ListAliasesByKeyId_AliasForms_ThrowUnsupportedAlias(string format)
    {
        await using var kms = await CreateAsync();
        await CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(
            () => List(kms, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value), null, null));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, error.Code);
    }

    [Fact]
    public async Task ListAliasesByKeyId_UnknownKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => List(kms, "missing", null, null));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task ListAliasesByKeyId_BadPagingAndUnknownKey_ThrowsInvalidParameterFirst()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => List(kms, "missing", 0, null));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("PageNumber", error.Detail);
    }

    private static Task<ListAliasesResult> List(KmsHarness kms, string keyId, int? number, int? size) =>
        kms.Get<ListAliasesByKeyId>().HandleAsync(kms.Caller, new ListAliasesByKeyIdRequest(keyId, number, size), Ct);
}
