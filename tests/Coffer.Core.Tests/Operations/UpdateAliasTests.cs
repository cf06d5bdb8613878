using Coffer.Core.Aliases;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Storage;
using static Coffer.Core.Tests.Operations.CreateAliasTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class UpdateAliasTests
{
    [Fact]
    public async Task UpdateAlias_NewTarget_AliasFollows()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/moving", first.Id.Value);

        var updated = await UpdateAliasAsync(kms, "alias/moving", second.Id.Value);
        var encrypted = await kms.Get<Encrypt>().HandleAsync(
            kms.Caller, new EncryptRequest("alias/moving", "x", EncryptionContext.None, false), Ct);

        Assert.Equal(second.Id, updated.KeyId);
        Assert.Equal(second.Id, encrypted.KeyId);
        Assert.Equal(second.PrimaryVersion, encrypted.KeyVersionId);
    }

    [Fact]
    public async Task UpdateAlias_KeyArn_ResolvesToTheKey()
    {
        await using var kms = await CreateAsync();
        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/moving", first.Id.Value);

        var updated = await UpdateAliasAsync(kms, "alias/moving", KeyArns.ForKey("cn-hangzhou", kms.Caller.Account, second.Id));

        Assert.Equal(second.Id, updated.KeyId);
    }

    [Fact]
    public async Task UpdateAlias_UnknownAlias_ThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, "alias/none", key.Id.Value));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task UpdateAlias_DeletedAlias_ThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/gone", key.Id.Value);
        await kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/gone", Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, "alias/gone", key.Id.Value));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task UpdateAlias_AliasOfAnotherAccount_ThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);
        await kms.Get<CreateAlias>().HandleAsync(other, new CreateAliasRequest("alias/theirs", theirs.Id.Value), Ct);
        var mine = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, "alias/theirs", mine.Id.Value));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("alias/acs-x")]
    [InlineData("alias/")]
    public async Task UpdateAlias_InvalidName_ThrowsInvalidParameterAliasName(string name)
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, name, key.Id.Value));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("AliasName", error.Detail);
    }

    [Fact]
    public async Task UpdateAlias_UnknownKey_ThrowsKeyNotFound()
    {
        await using var kms = await CreateAsync();
        await CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, "alias/a", "missing"));

        Assert.Equal(KmsErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task UpdateAlias_AliasAsKeyId_ThrowsUnsupportedAlias()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, "alias/a", "alias/a"));

        Assert.Equal(KmsErrorCode.UnsupportedAlias, error.Code);
    }

    [Fact]
    public async Task UpdateAlias_TargetPendingDeletion_ThrowsPendingDeletionAndKeepsTheTarget()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        var pending = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes256, new byte[32]);
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);

        var error = await Assert.ThrowsAsync<KmsException>(() => UpdateAliasAsync(kms, "alias/a", pending.Id.Value));

        Assert.Equal(KmsErrorCode.KeyPendingDeletion, error.Code);
        Assert.Equal(key.Id, (await kms.Get<KeyResolver>().ResolveAsync(kms.Caller, "alias/a", Ct)).Id);
    }

    [Fact]
    public async Task UpdateAlias_CurrentTargetPendingDeletion_StillMoves()
    {
        await using var kms = await CreateAsync();
        var pending = await kms.AddKeyAsync(KeyState.PendingDeletion, KeySpec.AliyunAes256, new byte[32]);
        var key = await kms.CreateKeyAsync();
        await kms.Get<IAliasStore>().TryCreateAsync(
            new KeyAlias(kms.Caller.Account, AliasName.Parse("alias/a"), pending.Id, Start), Ct);

        var updated = await UpdateAliasAsync(kms, "alias/a", key.Id.Value);

        Assert.Equal(key.Id, updated.KeyId);
    }

    [Theory]
    [InlineData(KeyState.Disabled)]
    [InlineData(KeyState.PendingImport)]
    public async Task UpdateAlias_TargetDisabledOrPendingImport_Succeeds(KeyState state)
    {
        await using var kms = await CreateAsync();
        await CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);
        var target = await kms.AddKeyAsync(state, KeySpec.AliyunAes256, new byte[32]);

        var updated = await UpdateAliasAsync(kms, "alias/a", target.Id.Value);

        Assert.Equal(target.Id, updated.KeyId);
    }

    private static Task<KeyAlias> UpdateAliasAsync(KmsHarness kms, string name, string keyId) =>
        kms.Get<UpdateAlias>().HandleAsync(kms.Caller, new UpdateAliasRequest(name, keyId), Ct);
}
