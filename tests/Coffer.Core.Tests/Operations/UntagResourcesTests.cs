using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;
using static Coffer.Core.Tests.Operations.TagResourcesTests;

namespace Coffer.Core.Tests.Operations;

public sealed class UntagResourcesTests
{
    [Fact]
    public async Task UntagResources_TagKeys_RemovesThemFromEveryKeyAndSkipsAbsentOnes()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await TagAsync(kms, [first.Id.Value, second.Id.Value], new Tag("a", "1"), new Tag("b", "2"), new Tag("c", "3"));

        await UntagAsync(kms, [first.Id.Value, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, second.Id)], ["a", "c", "absent"], all: false);

        Assert.Equal([new Tag("b", "2")], await TagsOfAsync(kms, first.Id));
        Assert.Equal([new Tag("b", "2")], await TagsOfAsync(kms, second.Id));
    }

    [Fact]
    public async Task UntagResources_AllWithoutTagKeys_RemovesEveryTag()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"), new Tag("b", "2"));

        await UntagAsync(kms, [key.Id.Value], [], all: true);

        Assert.Empty(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task UntagResources_AllWithTagKeys_RemovesOnlyTheNamedKeys()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"), new Tag("b", "2"));

        await UntagAsync(kms, [key.Id.Value], ["a"], all: true);

        Assert.Equal([new Tag("b", "2")], await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task UntagResources_NeitherTagKeysNorAll_RemovesNothing()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"));

        await UntagAsync(kms, [key.Id.Value], [], all: false);

        Assert.Single(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task UntagResources_KeyPendingDeletion_ThrowsPendingDeletion()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"));
        Assert.True(await kms.Keys.TryUpdateAsync(key with { State = KeyState.PendingDeletion }, key.Revision, Ct));

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, [key.Id.Value], ["a"], all: false));

        Assert.Equal(KmsErrorCode.KeyPendingDeletion, error.Code);
        Assert.Single(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task UntagResources_UnknownKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, ["missing"], ["a"], all: false));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task UntagResources_Alias_ThrowsUnsupportedAlias()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, ["alias/a"], ["a"], all: false));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, error.Code);
    }

    [Theory]
    [InlineData("aliyun-key")]
    [InlineData("acs:key")]
    [InlineData("")]
    [InlineData("bad key")]
    public async Task UntagResources_ReservedOrMalformedTagKey_ThrowsInvalidParameterTagKey(string tagKey)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, [key.Id.Value], [tagKey], all: false));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("TagKey", error.Detail);
    }

    [Fact]
    public async Task UntagResources_21TagKeys_ThrowsInvalidParameterTagKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => UntagAsync(kms, [key.Id.Value], [.. Enumerable.Range(0, 21).Select(i => $"k{i}")], all: false));

        Assert.Equal("TagKey", error.Detail);
    }

    [Fact]
    public async Task UntagResources_51ResourcesOrUnknownType_ThrowsInvalidParameterNamingIt()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var many = await Assert.ThrowsAsync<KmsException>(
            () => UntagAsync(kms, [.. Enumerable.Range(0, 51).Select(_ => key.Id.Value)], ["a"], all: false));
        var secret = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<UntagResources>().HandleAsync(kms.Caller, new UntagResourcesRequest([key.Id.Value], "certificate", ["a"], false), Ct));

        Assert.Equal("ResourceId", many.Detail);
        Assert.Equal("ResourceType", secret.Detail);
    }

    private static Task UntagAsync(KmsHarness kms, string[] resourceIds, string[] tagKeys, bool all) =>
        kms.Get<UntagResources>().HandleAsync(kms.Caller, new UntagResourcesRequest(resourceIds, "key", tagKeys, all), Ct);
}
