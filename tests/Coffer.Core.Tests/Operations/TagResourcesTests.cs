using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class TagResourcesTests
{
    [Fact]
    public async Task TagResources_TwoKeys_BothCarryTheTags()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();

        await TagAsync(kms, [first.Id.Value, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, second.Id)], new Tag("env", "prod"), new Tag("team", "a"));

        Assert.Equal([new Tag("env", "prod"), new Tag("team", "a")], await TagsOfAsync(kms, first.Id));
        Assert.Equal([new Tag("env", "prod"), new Tag("team", "a")], await TagsOfAsync(kms, second.Id));
    }

    [Fact]
    public async Task TagResources_ExistingTagKey_ValueOverwritten()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("env", "dev"), new Tag("keep", "1"));

        await TagAsync(kms, [key.Id.Value], new Tag("env", "prod"));

        Assert.Equal([new Tag("env", "prod"), new Tag("keep", "1")], await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task TagResources_SameKeyNamedTwice_TaggedOnce()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        await TagAsync(kms, [key.Id.Value, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id)], new Tag("a", "1"));

        Assert.Equal([new Tag("a", "1")], await TagsOfAsync(kms, key.Id));
    }

    [Theory]
    [InlineData(KeyState.Disabled)]
    [InlineData(KeyState.PendingImport)]
    public async Task TagResources_KeyDisabledOrPendingImport_Succeeds(KeyState state)
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);

        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"));

        Assert.Single(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task TagResources_OneKeyPendingDeletion_ThrowsPendingDeletionAndTagsNothing()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var pending = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [key.Id.Value, pending.Id.Value], new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.KeyPendingDeletion, error.Code);
        Assert.Empty(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task TagResources_OneKeyUnknown_ThrowsKeyNotFoundAndTagsNothing()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [key.Id.Value, "missing"], new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
        Assert.Empty(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task TagResources_KeyOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var theirs = await kms.CreateKeyAsync(caller: await kms.AddAccountAsync());

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [theirs.Id.Value], new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Theory]
    [InlineData("alias/a")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/a")]
    public async Task TagResources_AliasForms_ThrowUnsupportedAlias(string format)
    {
        await using var kms = await CreateAsync();
        await CreateAliasTests.CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(
            () => TagAsync(kms, [string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value)], new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, error.Code);
    }

    [Theory]
    [InlineData("Secret")]
    [InlineData("Key")]
    [InlineData("instance")]
    public async Task TagResources_ResourceTypeOtherThanKey_ThrowsInvalidParameterResourceType(string type)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<TagResources>().HandleAsync(kms.Caller, new TagResourcesRequest([key.Id.Value], type, [new Tag("a", "1")]), Ct));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("ResourceType", error.Detail);
    }

    [Fact]
    public async Task TagResources_51Resources_ThrowsInvalidParameterResourceIdBeforeResolving()
    {
        await using var kms = await CreateAsync();
        var ids = Enumerable.Range(0, 51).Select(i => $"missing-{i}").ToArray();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, ids, new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("ResourceId", error.Detail);
    }

    [Fact]
    public async Task TagResources_21Tags_ThrowsInvalidParameterTag()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => TagAsync(kms, [key.Id.Value], [.. Enumerable.Range(0, 21).Select(i => new Tag($"k{i}", "v"))]));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("Tag", error.Detail);
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("aliyun-x", "v")]
    [InlineData("ALIYUN", "v")]
    [InlineData("acs:x", "v")]
    [InlineData("has space", "v")]
    [InlineData("k", "bad#value")]
    [InlineData("k!", "v")]
    public async Task TagResources_TagBreakingTheRules_ThrowsInvalidParameterTag(string key, string value)
    {
        await using var kms = await CreateAsync();
        var made = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [made.Id.Value], new Tag(key, value)));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("Tag", error.Detail);
    }

    [Fact]
    public async Task TagResources_TagKeyTwice_ThrowsInvalidParameterTag()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [key.Id.Value], new Tag("a", "1"), new Tag("a", "2")));

        Assert.Equal("Tag", error.Detail);
    }

    [Fact]
    public async Task TagResources_LongestKeyAndValueAndEveryAllowedCharacter_Accepted()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        await TagAsync(kms, [key.Id.Value], new Tag(new string('k', 128), new string('v', 128)), new Tag("a/b\\c_d-e.f+g=h:i@j", "x y"), new Tag("empty", ""));

        Assert.Equal(3, (await TagsOfAsync(kms, key.Id)).Count);
    }

    [Fact]
    public async Task TagResources_KeyOrValueOf129Characters_ThrowsInvalidParameterTag()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var longKey = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [key.Id.Value], new Tag(new string('k', 129), "v")));
        var longValue = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [key.Id.Value], new Tag("k", new string('v', 129))));

        Assert.Equal("Tag", longKey.Detail);
        Assert.Equal("Tag", longValue.Detail);
    }

    [Fact]
    public async Task TagResources_InvalidTagAndUnknownKey_ThrowsInvalidParameterFirst()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, ["missing"], new Tag("acs:x", "1")));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
    }

    [Fact]
    public async Task TagResources_MoreThanTheQuotaOnAKey_ThrowsLimitExceededAndWritesNothing()
    {
        await using var kms = await CreateAsync(o => o.MaxTagsPerResource = 3);
        var key = await kms.CreateKeyAsync();
        var other = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"), new Tag("b", "1"));

        var error = await Assert.ThrowsAsync<KmsException>(() => TagAsync(kms, [other.Id.Value, key.Id.Value], new Tag("c", "1"), new Tag("d", "1")));

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
        Assert.Equal(2, (await TagsOfAsync(kms, key.Id)).Count);
        Assert.Empty(await TagsOfAsync(kms, other.Id));
    }

    [Fact]
    public async Task TagResources_OverwritingAtTheQuota_Succeeds()
    {
        await using var kms = await CreateAsync(o => o.MaxTagsPerResource = 2);
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"), new Tag("b", "1"));

        await TagAsync(kms, [key.Id.Value], new Tag("a", "2"));

        Assert.Equal([new Tag("a", "2"), new Tag("b", "1")], await TagsOfAsync(kms, key.Id));
    }

    internal static Task TagAsync(KmsHarness kms, string[] resourceIds, params Tag[] tags) =>
        kms.Get<TagResources>().HandleAsync(kms.Caller, new TagResourcesRequest(resourceIds, "key", tags), Ct);

    internal static async Task<IReadOnlyList<Tag>> TagsOfAsync(KmsHarness kms, KeyId key) =>
        (await kms.Get<ListResourceTags>().HandleAsync(kms.Caller, key.Value, Ct)).Tags;
}
