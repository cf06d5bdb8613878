using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class DescribeKeyTests
{
    [Fact]
    public async Task DescribeKey_KeyId_ReturnsTheStoredKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync("Aliyun_SM4");

        var described = await kms.Get<DescribeKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(key, described);
    }

    [Fact]
    public async Task DescribeKey_KeyArn_ReturnsTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var arn = KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id);

        var described = await kms.Get<DescribeKey>().HandleAsync(kms.Caller, arn, Ct);

        Assert.Equal($"acs:kms:cn-hangzhou:{kms.Caller.Account.Value}:key/{key.Id.Value}", arn);
        Assert.Equal(key, described);
    }

    [Fact]
    public async Task DescribeKey_KeyArnInAConfiguredRegion_ReturnsTheKey()
    {
        await using var kms = await CreateAsync(o => o.Region = "cn-shanghai");
        var key = await kms.CreateKeyAsync();

        var described = await kms.Get<DescribeKey>().HandleAsync(
            kms.Caller, KeyArns.ForKey("cn-shanghai", kms.Caller.Account, key.Id), Ct);

        Assert.Equal(key, described);
    }

    [Fact]
    public async Task DescribeKey_PendingDeletionKey_IsDescribed()
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes128, new byte[16]);

        var described = await kms.Get<DescribeKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingDeletion, described.State);
        Assert.Equal(key.DeleteDate, described.DeleteDate);
    }

    [Theory]
    [InlineData("alias/missing")]
    [InlineData("alias/")]
    [InlineData("alias/acs/kms")]
    public async Task DescribeKey_AliasForm_ThrowsAliasNotFound(string reference)
    {
        await using var kms = await CreateAsync();
        await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, reference, Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task DescribeKey_AliasArnOfTheCallersAccount_ThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<DescribeKey>().HandleAsync(kms.Caller, $"acs:kms:cn-hangzhou:{kms.Caller.Account.Value}:alias/missing", Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-key-id")]
    [InlineData("ALIAS/upper")]
    [InlineData("acs:kms")]
    [InlineData("acs:kms:cn-hangzhou")]
    public async Task DescribeKey_ReferenceThatResolvesToNothing_ThrowsKeyNotFound(string reference)
    {
        await using var kms = await CreateAsync();
        await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, reference, Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task DescribeKey_KeyOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var key = await kms.CreateKeyAsync(caller: other);

        var byId = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, key.Id.Value, Ct));
        var byArn = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<DescribeKey>().HandleAsync(kms.Caller, KeyArns.ForKey("cn-hangzhou", other.Account, key.Id), Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, byId.Code);
        Assert.Equal(KmsErrorCode.KeyNotFound, byArn.Code);
    }

    [Fact]
    public async Task DescribeKey_OwnKeyArnOfAnotherRegion_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<DescribeKey>().HandleAsync(kms.Caller, KeyArns.ForKey("cn-beijing", kms.Caller.Account, key.Id), Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Theory]
    [InlineData("acs:kms:cn-hangzhou:{0}:secret/{1}")]
    [InlineData("acs:kms:cn-hangzhou:{0}:key/")]
    [InlineData("acs:kms:cn-hangzhou:{0}:/{1}")]
    [InlineData("acs:kms:cn-hangzhou:{0}:key{1}")]
    [InlineData("acs:ecs:cn-hangzhou:{0}:key/{1}")]
    [InlineData("acs:kms:cn-hangzhou::key/{1}")]
    public async Task DescribeKey_MalformedOrForeignArnOfOwnKey_ThrowsKeyNotFound(string format)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var arn = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value, key.Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, arn, Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Theory]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/missing")]
    [InlineData("acs:kms:cn-beijing:{1}:alias/missing")]
    [InlineData("acs:kms:cn-beijing:{1}:alias/mine")]
    public async Task DescribeKey_AliasArnOfAnotherAccountOrRegion_ThrowsKeyNotFound(string format)
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        await kms.AddAliasAsync(await kms.CreateKeyAsync(), "alias/mine");
        var arn = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, other.Account.Value, kms.Caller.Account.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, arn, Ct));

        // DECISIONS.md, Keys and ciphertexts: what resolves to nothing is AliasNotFound for alias forms and KeyNotFound for
        // "everything else, other accounts' and regions' ARNs included".
        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task DescribeKey_AliasAndAliasArn_ResolveToTheAliasedKey()
    {
        await using var kms = await CreateAsync();
        await kms.CreateKeyAsync();
        var key = await kms.CreateKeyAsync();
        await kms.AddAliasAsync(key, "alias/team/app-1");

        var byName = await kms.Get<DescribeKey>().HandleAsync(kms.Caller, "alias/team/app-1", Ct);
        var byArn = await kms.Get<DescribeKey>().HandleAsync(
            kms.Caller, $"acs:kms:cn-hangzhou:{kms.Caller.Account.Value}:alias/team/app-1", Ct);

        Assert.Equal(key, byName);
        Assert.Equal(key, byArn);
    }

    [Theory]
    [InlineData("alias/Team/App-1")]
    [InlineData("alias/team/app-")]
    [InlineData("alias/team/app-1/")]
    public async Task DescribeKey_AliasNameDifferingFromAnExistingOne_ThrowsAliasNotFound(string reference)
    {
        await using var kms = await CreateAsync();
        await kms.AddAliasAsync(await kms.CreateKeyAsync(), "alias/team/app-1");

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, reference, Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task DescribeKey_AliasOfAnotherAccount_ThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        await kms.AddAliasAsync(await kms.CreateKeyAsync(caller: other), "alias/theirs");

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DescribeKey>().HandleAsync(kms.Caller, "alias/theirs", Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }
}
