using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;
using static Coffer.Core.Tests.Operations.TagResourcesTests;

namespace Coffer.Core.Tests.Operations;

public sealed class CreateKeyTagsTests
{
    [Fact]
    public async Task CreateKey_Tags_StoredOnTheNewKey()
    {
        await using var kms = await CreateAsync();

        var key = await CreateWithTagsAsync(kms, new Tag("env", "prod"), new Tag("team", "a"));

        Assert.Equal([new Tag("env", "prod"), new Tag("team", "a")], await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task CreateKey_EmptyTags_KeyWithoutTags()
    {
        await using var kms = await CreateAsync();

        var key = await CreateWithTagsAsync(kms);

        Assert.Empty(await TagsOfAsync(kms, key.Id));
    }

    [Theory]
    [InlineData("aliyun:x", "v")]
    [InlineData("k", "v#")]
    [InlineData("", "v")]
    public async Task CreateKey_TagBreakingTheRules_ThrowsInvalidParameterTagsAndMakesNoKey(string tagKey, string value)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateWithTagsAsync(kms, new Tag(tagKey, value)));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("Tags", error.Detail);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateKey_TagKeyTwice_ThrowsInvalidParameterTags()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateWithTagsAsync(kms, new Tag("a", "1"), new Tag("a", "2")));

        Assert.Equal("Tags", error.Detail);
    }

    [Fact]
    public async Task CreateKey_MoreTagsThanTheQuota_ThrowsLimitExceededAndMakesNoKey()
    {
        await using var kms = await CreateAsync(o => o.MaxTagsPerResource = 2);

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateWithTagsAsync(kms, new Tag("a", "1"), new Tag("b", "1"), new Tag("c", "1")));

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    private static Task<Key> CreateWithTagsAsync(KmsHarness kms, params Tag[] tags) =>
        kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, null, null, null, null, Tags: tags), Ct);
}
