using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;
using static Coffer.Core.Tests.Operations.TagResourcesTests;

namespace Coffer.Core.Tests.Operations;

public sealed class UntagResourceTests
{
    [Fact]
    public async Task UntagResource_TagKeys_RemovedAndAbsentOnesSkipped()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await TagAsync(kms, [key.Id.Value], new Tag("a", "1"), new Tag("b", "2"));

        await UntagAsync(kms, key.Id.Value, "a", "absent");

        Assert.Equal([new Tag("b", "2")], await TagsOfAsync(kms, key.Id));
    }

    [Fact]
    public async Task UntagResource_NoTagKeys_ThrowsInvalidParameterTagKeys()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, key.Id.Value));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("TagKeys", error.Detail);
    }

    [Theory]
    [InlineData("aliyun-x")]
    [InlineData("acs:x")]
    [InlineData("")]
    public async Task UntagResource_ReservedOrEmptyTagKey_ThrowsInvalidParameterTagKeys(string tagKey)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, key.Id.Value, tagKey));

        Assert.Equal("TagKeys", error.Detail);
    }

    [Fact]
    public async Task UntagResource_KeyPendingDeletion_ThrowsPendingDeletion()
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, key.Id.Value, "a"));

        Assert.Equal(KmsErrorCode.KeyPendingDeletion, error.Code);
    }

    [Fact]
    public async Task UntagResource_UnknownKeyOrAlias_Throws404OrUnsupportedAlias()
    {
        await using var kms = await CreateAsync();

        var unknown = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, "missing", "a"));
        var alias = await Assert.ThrowsAsync<KmsException>(() => UntagAsync(kms, "alias/a", "a"));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.UnsupportedAlias, alias.Code);
    }

    private static Task UntagAsync(KmsHarness kms, string keyId, params string[] tagKeys) =>
        kms.Get<UntagResource>().HandleAsync(kms.Caller, new UntagResourceRequest(keyId, tagKeys), Ct);
}
