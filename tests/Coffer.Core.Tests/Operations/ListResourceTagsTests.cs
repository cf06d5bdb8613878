using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;
using static Coffer.Core.Tests.Operations.TagResourcesTests;

namespace Coffer.Core.Tests.Operations;

public sealed class ListResourceTagsTests
{
    [Fact]
    public async Task ListResourceTags_KeyArn_TheKeysTagsByTagKeyWithItsId()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("z", "1"), new Tag("a", "2"));

        var result = await kms.Get<ListResourceTags>().HandleAsync(kms.Caller, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id), Ct);

        Assert.Equal(key.Id, result.KeyId);
        Assert.Equal([new Tag("a", "2"), new Tag("z", "1")], result.Tags);
    }

    [Fact]
    public async Task ListResourceTags_NoTags_Empty()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var result = await kms.Get<ListResourceTags>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Empty(result.Tags);
    }

    [Theory]
    [InlineData(KeyState.Disabled)]
    [InlineData(KeyState.PendingDeletion)]
    [InlineData(KeyState.PendingImport)]
    public async Task ListResourceTags_AnyKeyState_Lists(KeyState state)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"));
        Assert.True(await kms.Keys.TryUpdateAsync(key with { State = state }, key.Revision, Ct));

        var result = await kms.Get<ListResourceTags>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Single(result.Tags);
    }

    [Fact]
    public async Task ListResourceTags_UnknownKeyOrAlias_Throws404OrUnsupportedAlias()
    {
        await using var kms = await CreateAsync();

        var unknown = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ListResourceTags>().HandleAsync(kms.Caller, "missing", Ct));
        var alias = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ListResourceTags>().HandleAsync(kms.Caller, "alias/a", Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.UnsupportedAlias, alias.Code);
    }
}
