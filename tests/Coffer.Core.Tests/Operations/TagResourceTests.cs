using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;
using static Coffer.Core.Tests.Operations.TagResourcesTests;

namespace Coffer.Core.Tests.Operations;

public sealed class TagResourceTests
{
    [Fact]
    public async Task TagResource_Tags_AddedAndExistingOverwritten()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("env", "dev"));

        await TagOneAsync(kms, key.Id.Value, new Tag("env", "prod"), new Tag("team", "a"));

        Assert.Equal([new Tag("env", "prod"), new Tag("team", "a")], await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task TagResource_KeyArn_TagsTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        await TagOneAsync(kms, KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id), new Tag("a", "1"));

        Assert.Single(await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task TagResource_NoTags_ThrowsInvalidParameterTags()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagOneAsync(kms, key.Id.Value));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("Tags", error.Detail);
    }

    [Theory]
    [InlineData("aliyun", "v")]
    [InlineData("k", "v#")]
    public async Task TagResource_TagBreakingTheRules_ThrowsInvalidParameterTags(string tagKey, string value)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagOneAsync(kms, key.Id.Value, new Tag(tagKey, value)));

        Assert.Equal("Tags", error.Detail);
    }

    [Fact]
    public async Task TagResource_KeyPendingDeletion_ThrowsPendingDeletion()
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => TagOneAsync(kms, key.Id.Value, new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.KeyPendingDeletion, error.Code);
    }

    [Fact]
    public async Task TagResource_UnknownKeyOrAlias_Throws404OrUnsupportedAlias()
    {
        await using var kms = await CreateAsync();

        var unknown = await Assert.ThrowsAsync<KmsException>(() => TagOneAsync(kms, "missing", new Tag("a", "1")));
        var alias = await Assert.ThrowsAsync<KmsException>(() => TagOneAsync(kms, "alias/a", new Tag("a", "1")));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.UnsupportedAlias, alias.Code);
    }

    [Fact]
    public async Task TagResource_OverTheQuota_ThrowsLimitExceeded()
    {
        await using var kms = await CreateAsync(o => o.MaxTagsPerResource = 2);
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => TagOneAsync(kms, key.Id.Value, new Tag("a", "1"), new Tag("b", "1"), new Tag("c", "1")));

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
        Assert.Empty(await TagsOfAsync(kms, key.Id));
    }

    private static Task TagOneAsync(KmsHarness kms, string keyId, params Tag[] tags) =>
        kms.Get<TagResource>().HandleAsync(kms.Caller, new TagResourceRequest(keyId, tags), Ct);
}
