using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Import.ImportFlow;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Import;

/// <summary>CreateKey with Origin EXTERNAL, and what the other key calls do with such a key.</summary>
public sealed class ExternalKeyTests
{
    [Theory]
    [InlineData("Aliyun_AES_256")]
    [InlineData("Aliyun_AES_128")]
    [InlineData("Aliyun_AES_192")]
    [InlineData("Aliyun_SM4")]
    public async Task CreateKey_External_StartsPendingImportWithoutMaterial(string spec)
    {
        await using var kms = await CreateAsync();

        var key = await kms.CreateExternalKeyAsync(spec);

        Assert.Equal(KeyState.PendingImport, key.State);
        Assert.Equal("EXTERNAL", key.Origin);
        Assert.True(key.IsExternal);
        Assert.Null(key.MaterialExpireTime);
        Assert.Equal(key, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
        var version = await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);
        Assert.NotNull(version);
        Assert.False(version.HasMaterial);
    }

    [Fact]
    public async Task CreateKey_ExternalWithAutomaticRotation_ThrowsInvalidParameterAndMakesNoKey()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<CreateKey>().HandleAsync(
            kms.Caller, new CreateKeyRequest(null, null, null, "EXTERNAL", null, EnableAutomaticRotation: true, RotationInterval: "7d"), Ct));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("EnableAutomaticRotation", error.Detail);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateKey_ExternalWithRotationOff_IsAccepted()
    {
        await using var kms = await CreateAsync();

        var key = await kms.Get<CreateKey>().HandleAsync(
            kms.Caller, new CreateKeyRequest(null, null, null, "EXTERNAL", null, EnableAutomaticRotation: false), Ct);

        Assert.Equal(AutomaticRotation.Disabled, key.AutomaticRotation);
    }

    [Fact]
    public async Task Encrypt_PendingImport_ThrowsRejectedPendingImport()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.EncryptAsync(key, "nothing to seal with"));

        Assert.Equal(KmsErrorCode.KeyPendingImport, error.Code);
    }

    [Fact]
    public async Task CreateKeyVersion_ImportedKey_ThrowsUnsupportedOrigin()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial());

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<CreateKeyVersion>().HandleAsync(kms.Caller, key.Id.Value, Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOrigin, error.Code);
        Assert.Equal(1, (await kms.Keys.ListVersionsAsync(key.Id, 0, 10, Ct)).TotalCount);
    }

    [Fact]
    public async Task CreateKeyVersion_PendingImport_ThrowsTheStateCodeFirst()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<CreateKeyVersion>().HandleAsync(kms.Caller, key.Id.Value, Ct));

        Assert.Equal(KmsErrorCode.KeyPendingImport, error.Code);
    }

    [Fact]
    public async Task UpdateRotationPolicy_EnablingOnAnImportedKey_ThrowsUnsupportedOriginButDisablingIsFine()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial());

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<UpdateRotationPolicy>().HandleAsync(
            kms.Caller, new UpdateRotationPolicyRequest(key.Id.Value, true, "7d"), Ct));
        var disabled = await kms.Get<UpdateRotationPolicy>().HandleAsync(
            kms.Caller, new UpdateRotationPolicyRequest(key.Id.Value, false, null), Ct);

        Assert.Equal(KmsErrorCode.UnsupportedOrigin, error.Code);
        Assert.Equal(AutomaticRotation.Disabled, disabled.AutomaticRotation);
    }

    [Fact]
    public async Task CancelKeyDeletion_ExternalKeyNeverImported_ReturnsToPendingImport()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);

        var cancelled = await kms.Get<CancelKeyDeletion>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingImport, cancelled.State);
        Assert.Null(cancelled.DeleteDate);
        Assert.Equal(cancelled, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
    }

    [Fact]
    public async Task CancelKeyDeletion_ExternalKeyWithLiveMaterial_ReturnsToEnabled()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial());
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);

        var cancelled = await kms.Get<CancelKeyDeletion>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.Enabled, cancelled.State);
    }

    [Fact]
    public async Task CancelKeyDeletion_ExternalKeyWhoseMaterialWasDeletedWhilePending_ReturnsToPendingImport()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial());
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);
        var deleted = await kms.Get<DeleteKeyMaterial>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        Assert.Equal(KeyState.PendingDeletion, deleted.State);
        Assert.NotNull(deleted.DeleteDate);

        var cancelled = await kms.Get<CancelKeyDeletion>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingImport, cancelled.State);
    }

    [Fact]
    public async Task CancelKeyDeletion_ExternalKeyWhoseMaterialExpiredWhilePending_ReturnsToPendingImport()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial(), kms.Time.GetUtcNow().AddDays(2).ToUnixTimeSeconds());
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);
        kms.Time.Advance(TimeSpan.FromDays(3));

        var cancelled = await kms.Get<CancelKeyDeletion>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        Assert.Equal(KeyState.PendingImport, cancelled.State);
    }

    [Fact]
    public async Task Decrypt_ExpiredMaterialBeforeTheSchedulerRuns_ThrowsRejectedPendingImport()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateExternalKeyAsync();
        await kms.ImportAsync(key, NewMaterial(), kms.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds());
        var blob = await kms.EncryptAsync(key, "short-lived");
        kms.Time.Advance(TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.DecryptAsync(blob));

        Assert.Equal(KmsErrorCode.KeyPendingImport, error.Code);
    }
}
