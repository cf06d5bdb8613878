using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Storage;
using static Coffer.Core.Tests.Operations.CreateAliasTests;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class DeleteAliasTests
{
    [Fact]
    public async Task DeleteAlias_LiveAlias_NoLongerResolvesAndTheKeyStays()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);

        await kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/a", Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<KeyResolver>().ResolveAsync(kms.Caller, "alias/a", Ct));
        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
        Assert.NotNull(await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
    }

    [Theory]
    [InlineData(KeyState.Disabled)]
    [InlineData(KeyState.PendingDeletion)]
    [InlineData(KeyState.PendingImport)]
    public async Task DeleteAlias_AnyKeyState_Succeeds(KeyState state)
    {
        await using var kms = await CreateAsync();
        var key = await kms.AddKeyAsync(KeyState.Enabled, KeySpec.AliyunAes256, new byte[32]);
        await CreateAliasAsync(kms, "alias/a", key.Id.Value);
        Assert.True(await kms.Keys.TryUpdateAsync(key with { State = state }, key.Revision, Ct));

        await kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/a", Ct);

        Assert.Equal(0, await kms.Get<IAliasStore>().CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task DeleteAlias_UnknownAlias_ThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/none", Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task DeleteAlias_Twice_SecondThrowsAliasNotFound()
    {
        await using var kms = await CreateAsync();
        await CreateAliasAsync(kms, "alias/a", (await kms.CreateKeyAsync()).Id.Value);
        await kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/a", Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/a", Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
    }

    [Fact]
    public async Task DeleteAlias_AliasOfAnotherAccount_ThrowsAliasNotFoundAndKeepsIt()
    {
        await using var kms = await CreateAsync();
        var other = await kms.AddAccountAsync();
        var theirs = await kms.CreateKeyAsync(caller: other);
        await kms.Get<CreateAlias>().HandleAsync(other, new CreateAliasRequest("alias/theirs", theirs.Id.Value), Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteAlias>().HandleAsync(kms.Caller, "alias/theirs", Ct));

        Assert.Equal(KmsErrorCode.AliasNotFound, error.Code);
        Assert.Equal(theirs.Id, (await kms.Get<KeyResolver>().ResolveAsync(other, "alias/theirs", Ct)).Id);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("alias/acs")]
    [InlineData("alias/a b")]
    public async Task DeleteAlias_InvalidName_ThrowsInvalidParameterAliasName(string name)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<DeleteAlias>().HandleAsync(kms.Caller, name, Ct));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("AliasName", error.Detail);
    }
}
