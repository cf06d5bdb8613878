using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Storage;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class CreateAliasTests
{
    [Fact]
    public async Task CreateAlias_KeyId_StoresTheAliasAtTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var alias = await CreateAliasAsync(kms, "alias/orders", key.Id.Value);

        var stored = await kms.Get<IAliasStore>().FindAsync(kms.Caller.Account, AliasName.Parse("alias/orders"), Ct);
        Assert.Equal(alias, stored);
        Assert.Equal(key.Id, alias.KeyId);
    }

    [Fact]
    public async Task CreateAlias_KeyArn_ResolvesToTheKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var alias = await CreateAliasAsync(kms, "alias/by-arn", KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, key.Id));

        Assert.Equal(key.Id, alias.KeyId);
    }

    [Fact]
    public async Task CreateAlias_Created_ResolvesThroughEncryptForms()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/app/db-key_1", key.Id.Value);

        var byName = await kms.Get<KeyResolver>().ResolveAsync(kms.Caller, "alias/app/db-key_1", Ct);
        var byArn = await kms.Get<KeyResolver>().ResolveAsync(
            kms.Caller, $"acs:kms:cn-hangzhou:{kms.Caller.Account.Value}:alias/app/db-key_1", Ct);

        Assert.Equal(key.Id, byName.Id);
        Assert.Equal(key.Id, byArn.Id);
    }

    [Fact]
    public async Task CreateAlias_SeveralAliasesOfOneKey_AllStored()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        await CreateAliasAsync(kms, "alias/one", key.Id.Value);
        await CreateAliasAsync(kms, "alias/two", key.Id.Value);

        Assert.Equal(2, await kms.Get<IAliasStore>().CountAsync(kms.Caller.Account, Ct));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("alias/")]
    [InlineData("alias/acs")]
    [InlineData("alias/acs-reserved")]
    [InlineData("alias/has space")]
    [InlineData("alias/dot.ted")]
    [InlineData("Alias/upper-prefix")]
    [InlineData("alias/\u00e9")]
    public async Task CreateAlias_InvalidName_ThrowsInvalidParameterAliasName(string name)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, name, key.Id.Value));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("AliasName", error.Detail);
    }

    [Fact]
    public async Task CreateAlias_NameOf249CharactersAfterThePrefix_AcceptedAnd250Refused()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        await CreateAliasAsync(kms, "alias/" + new string('a', 249), key.Id.Value);
        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "alias/" + new string('b', 250), key.Id.Value));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
    }

    [Fact]
    public async Task CreateAlias_InvalidNameAndUnknownKey_ThrowsInvalidParameterFirst()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "bad", "missing"));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
    }

    [Theory]
    [InlineData("alias/other")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/other")]
    public async Task CreateAlias_AliasAsKeyId_ThrowsUnsupportedAlias(string format)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/other", key.Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(
            () => CreateAliasAsync(kms, "alias/new", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, kms.Caller.Account.Value)));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, error.Code);
    }

    [Fact]
    public async Task CreateAlias_UnknownKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "alias/x", Guid.NewGuid().ToString()));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task CreateAlias_KeyOfAnotherAccount_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var key = await kms.CreateKeyAsync(caller: other);

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "alias/x", key.Id.Value));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task CreateAlias_SameNameInAnotherAccount_BothExist()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var mine = await kms.CreateKeyAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);

        await CreateAliasAsync(kms, "alias/shared", mine.Id.Value);
        await kms.Get<CreateAlias>().HandleAsync(other, new CreateAliasRequest("alias/shared", theirs.Id.Value), Ct);

        Assert.Equal(mine.Id, (await kms.Get<KeyResolver>().ResolveAsync(kms.Caller, "alias/shared", Ct)).Id);
        Assert.Equal(theirs.Id, (await kms.Get<KeyResolver>().ResolveAsync(other, "alias/shared", Ct)).Id);
    }

    [Theory]
    [InlineData(KeyState.Disabled)]
    [InlineData(KeyState.PendingImport)]
    public async Task CreateAlias_KeyDisabledOrPendingImport_Succeeds(KeyState state)
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);

        var alias = await CreateAliasAsync(kms, "alias/x", key.Id.Value);

        Assert.Equal(key.Id, alias.KeyId);
    }

    [Fact]
    public async Task CreateAlias_KeyPendingDeletion_ThrowsStateModifiedFailed()
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes256, new byte[32]);

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "alias/x", key.Id.Value));

        Assert.Equal(KmsErrorCode.StateModifiedFailed, error.Code);
    }

    [Fact]
    public async Task CreateAlias_TakenName_ThrowsAliasAlreadyExistsAndKeepsTheTarget()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/taken", first.Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "alias/taken", second.Id.Value));

        Assert.Equal(KmsErrorCode.AliasAlreadyExists, error.Code);
        Assert.Equal(first.Id, (await kms.Get<KeyResolver>().ResolveAsync(kms.Caller, "alias/taken", Ct)).Id);
    }

    [Fact]
    public async Task CreateAlias_NamesDifferingInCase_AreDifferentAliases()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        await CreateAliasAsync(kms, "alias/Case", key.Id.Value);
        await CreateAliasAsync(kms, "alias/case", key.Id.Value);

        Assert.Equal(2, await kms.Get<IAliasStore>().CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateAlias_QuotaReached_ThrowsLimitExceeded()
    {
        await using var kms = await CreateAsync(o => o.MaxAliasesPerAccount = 2);
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);
        await CreateAliasAsync(kms, "alias/b", key.Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => CreateAliasAsync(kms, "alias/c", key.Id.Value));

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
        Assert.Equal(2, await kms.Get<IAliasStore>().CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateAlias_QuotaFreedByDeleteAlias_SucceedsAgain()
    {
        await using var kms = await CreateAsync(o => o.MaxAliasesPerAccount = 1);
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);
        await kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/a", Ct);

        var alias = await CreateAliasAsync(kms, "alias/b", key.Id.Value);

        Assert.Equal(key.Id, alias.KeyId);
    }

    [Fact]
    public async Task CreateAlias_QuotaIsPerAccount_OtherAccountsUnaffected()
    {
        await using var kms = await CreateAsync(o => o.MaxAliasesPerAccount = 1);
        var other = await kms.AddAccountAsync();
        await CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);
        var theirs = await kms.CreateKeyAsync(caller: other);

        var alias = await kms.Get<CreateAlias>().HandleAsync(other, new CreateAliasRequest("alias/a", theirs.Id.Value), Ct);

        Assert.Equal(theirs.Id, alias.KeyId);
    }

    internal static Task<KeyAlias> CreateAliasAsync(KmsHarness kms, string name, string keyId) =>
        kms.Get<CreateAlias>().HandleAsync(kms.Caller, new CreateAliasRequest(name, keyId), Ct);
}
