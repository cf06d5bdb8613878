using Coffer.Core.Errors;
using Coffer.Core.Operations;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class CreateSecretTests
{
    [Fact]
    public async Task CreateSecret_Generic_FirstVersionIsCurrentAndReadsBack()
    {
        await using var kms = await CreateAsync();

        var secret = await SecretSteps.CreateAsync(kms, "db/password", "v1", "s3cr3t");
        var value = await kms.Get<GetSecretValue>().HandleAsync(kms.Caller, new GetSecretValueRequest("db/password"), Ct);

        Assert.Equal(SecretRules.Generic, secret.SecretType);
        Assert.Null(secret.EncryptionKeyId);
        Assert.Equal("s3cr3t", value.SecretData);
        Assert.Equal("v1", value.Version.VersionId);
        Assert.Equal(["ACSCurrent"], value.Version.Stages);
        Assert.Equal("text", value.Version.DataType);
    }

    [Fact]
    public async Task CreateSecret_WithEncryptionKey_DataKeySealedUnderThatKey()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();

        var secret = await kms.Get<CreateSecret>().HandleAsync(
            kms.Caller, new CreateSecretRequest("s", "v1", "value", "binary", EncryptionKeyId: key.Id.Value), Ct);
        var version = Assert.Single(await kms.Get<ISecretStore>().ListVersionsAsync(kms.Caller.Account, "s", Ct));

        Assert.Equal(key.Id, secret.EncryptionKeyId);
        Assert.Equal(key.PrimaryVersion.Value, System.Text.Encoding.ASCII.GetString(version.SealedKey, 0, 36));
        Assert.Equal("binary", version.DataType);
    }

    [Fact]
    public async Task CreateSecret_TakenName_ThrowsResourceExist()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "a");

        var error = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, "s", "v2", "b"));

        Assert.Equal(KmsErrorCode.ResourceExist, error.Code);
    }

    [Fact]
    public async Task CreateSecret_NameInRecoveryWindow_ThrowsResourceInDeleteWindow()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "a");
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s"), Ct);

        var error = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, "s", "v2", "b"));

        Assert.Equal(KmsErrorCode.ResourceInDeleteWindow, error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("acs/reserved")]
    [InlineData("bad#char")]
    public async Task CreateSecret_BadName_ThrowsInvalidParameterSecretName(string name)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, name, "v1", "a"));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal("SecretName", error.Detail);
    }

    [Fact]
    public async Task CreateSecret_LimitsOfNameVersionIdAndData_AcceptedAtTheEdgeRefusedBeyond()
    {
        await using var kms = await CreateAsync();
        var name = "a/b_c+d=e.f@g-" + new string('x', 178);

        await SecretSteps.CreateAsync(kms, name, new string('v', 64), new string('d', SecretRules.MaxDataBytes));
        var longName = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, name + "x", "v", "d"));
        var longVersion = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, "n", new string('v', 65), "d"));
        var longData = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, "n", "v", new string('d', SecretRules.MaxDataBytes + 1)));
        var badType = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("n", "v", "d", "json"), Ct));

        Assert.Equal(192, name.Length);
        Assert.Equal("SecretName", longName.Detail);
        Assert.Equal("VersionId", longVersion.Detail);
        Assert.Equal("SecretData", longData.Detail);
        Assert.Equal("SecretDataType", badType.Detail);
    }

    [Theory]
    [InlineData("Rds")]
    [InlineData("Redis")]
    [InlineData("RAMCredentials")]
    [InlineData("ECS")]
    public async Task CreateSecret_ManagedType_ThrowsUnsupportedOperation(string type)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("acs/ecs/x", "v1", "{}", SecretType: type), Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOperation, error.Code);
        Assert.Empty(await kms.Get<ISecretStore>().ListAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateSecret_AutomaticRotation_ThrowsUnsupportedOperation()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("s", "v1", "d", EnableAutomaticRotation: true), Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOperation, error.Code);
    }

    [Fact]
    public async Task CreateSecret_UnknownOrDisabledEncryptionKey_ThrowsTheKeyError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);

        var unknown = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("s", "v1", "d", EncryptionKeyId: Guid.NewGuid().ToString()), Ct));
        var disabled = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("s", "v1", "d", EncryptionKeyId: key.Id.Value), Ct));

        Assert.Equal(KmsErrorCode.KeyNotFound, unknown.Code);
        Assert.Equal(KmsErrorCode.KeyDisabled, disabled.Code);
    }

    [Fact]
    public async Task CreateSecret_SecretsQuotaReached_ThrowsLimitExceeded()
    {
        await using var kms = await CreateAsync(o => o.MaxSecretsPerAccount = 1);
        await SecretSteps.CreateAsync(kms, "one", "v1", "a");

        var error = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.CreateAsync(kms, "two", "v1", "b"));

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
    }

    [Fact]
    public async Task CreateSecret_Tags_StoredAndShownByDescribeSecret()
    {
        await using var kms = await CreateAsync();

        await kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("s", "v1", "d", Tags: [new Tag("env", "prod")]), Ct);
        var description = await kms.Get<DescribeSecret>().HandleAsync(kms.Caller, "s", fetchTags: true, Ct);

        Assert.Equal([new Tag("env", "prod")], description.Tags);
    }

    [Fact]
    public void CreateSecretRequest_ToString_DoesNotPrintTheValue()
    {
        var text = new CreateSecretRequest("s", "v1", "canary-value").ToString();

        Assert.DoesNotContain("canary-value", text, StringComparison.Ordinal);
    }
}

/// <summary>Shared steps of the secret tests.</summary>
internal static class SecretSteps
{
    public static Task<Secret> CreateAsync(KmsHarness kms, string name, string versionId, string data, string? keyId = null) =>
        kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest(name, versionId, data, EncryptionKeyId: keyId), Ct);

    public static Task<(Secret Secret, SecretVersion Version)> PutAsync(
        KmsHarness kms, string name, string versionId, string data, params string[] stages) =>
        kms.Get<PutSecretValue>().HandleAsync(
            kms.Caller, new PutSecretValueRequest(name, versionId, data, VersionStages: stages.Length == 0 ? null : stages), Ct);

    public static async Task<Dictionary<string, string[]>> StagesAsync(KmsHarness kms, string name) =>
        (await kms.Get<ISecretStore>().ListVersionsAsync(kms.Caller.Account, name, Ct))
            .ToDictionary(v => v.VersionId, v => v.Stages.Order(StringComparer.Ordinal).ToArray());

    public static async Task<string> ValueAsync(KmsHarness kms, string name, string? versionId = null, string? stage = null) =>
        (await kms.Get<GetSecretValue>().HandleAsync(kms.Caller, new GetSecretValueRequest(name, versionId, stage), Ct)).SecretData;
}
