using Coffer.Core.Errors;
using Coffer.Core.Operations;
using Coffer.Core.Secrets;
using Coffer.Core.Storage;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

/// <summary>GetSecretValue, BatchGetSecretValue, PutSecretValue, ListSecretVersionIds and UpdateSecretVersionStage.</summary>
public sealed class SecretValueTests
{
    [Fact]
    public async Task PutSecretValue_DefaultStages_NewIsCurrentOldIsPreviousOlderLosesPrevious()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        await SecretSteps.PutAsync(kms, "s", "v2", "two");
        await SecretSteps.PutAsync(kms, "s", "v3", "three");
        var stages = await SecretSteps.StagesAsync(kms, "s");

        Assert.Equal(["ACSCurrent"], stages["v3"]);
        Assert.Equal(["ACSPrevious"], stages["v2"]);
        Assert.Empty(stages["v1"]);
        Assert.Equal("three", await SecretSteps.ValueAsync(kms, "s"));
        Assert.Equal("two", await SecretSteps.ValueAsync(kms, "s", stage: "ACSPrevious"));
        Assert.Equal("one", await SecretSteps.ValueAsync(kms, "s", versionId: "v1"));
    }

    [Fact]
    public async Task PutSecretValue_CustomStage_CurrentStaysAndStageMovesFromItsOldHolder()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await SecretSteps.PutAsync(kms, "s", "v2", "two", "ACSNext");

        await SecretSteps.PutAsync(kms, "s", "v3", "three", "ACSNext");
        var stages = await SecretSteps.StagesAsync(kms, "s");

        Assert.Equal(["ACSCurrent"], stages["v1"]);
        Assert.Empty(stages["v2"]);
        Assert.Equal(["ACSNext"], stages["v3"]);
        Assert.Equal("three", await SecretSteps.ValueAsync(kms, "s", stage: "ACSNext"));
    }

    [Fact]
    public async Task PutSecretValue_SameVersionIdSameData_IdempotentSuccess()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await SecretSteps.PutAsync(kms, "s", "v2", "two");

        var (_, version) = await SecretSteps.PutAsync(kms, "s", "v2", "two");

        Assert.Equal("v2", version.VersionId);
        Assert.Equal(2, (await SecretSteps.StagesAsync(kms, "s")).Count);
    }

    [Fact]
    public async Task PutSecretValue_SameVersionIdOtherData_ThrowsResourceExist()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var error = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.PutAsync(kms, "s", "v1", "other"));

        Assert.Equal(KmsErrorCode.ResourceExist, error.Code);
        Assert.Equal("one", await SecretSteps.ValueAsync(kms, "s"));
    }

    [Fact]
    public async Task PutSecretValue_EleventhVersion_OldestDeprecatedVersionDropped()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v0", "d");
        for (var i = 1; i <= 10; i++)
        {
            await SecretSteps.PutAsync(kms, "s", $"v{i}", $"d{i}");
        }

        var stages = await SecretSteps.StagesAsync(kms, "s");

        Assert.Equal(SecretRules.MaxVersions, stages.Count);
        Assert.DoesNotContain("v0", stages.Keys);
        Assert.Equal(["ACSCurrent"], stages["v10"]);
    }

    [Fact]
    public async Task PutSecretValue_NinthStageLabel_ThrowsLimitExceeded()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v0", "d");
        for (var i = 1; i < SecretRules.MaxStages; i++)
        {
            await SecretSteps.PutAsync(kms, "s", $"v{i}", "d", $"S{i}");
        }

        var error = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.PutAsync(kms, "s", "v9", "d", "S9"));

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
    }

    [Fact]
    public async Task GetSecretValue_UnknownSecretVersionOrStage_ThrowsResourceNotFound()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var secret = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.ValueAsync(kms, "nope"));
        var version = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.ValueAsync(kms, "s", versionId: "v9"));
        var stage = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.ValueAsync(kms, "s", stage: "ACSPrevious"));

        Assert.All([secret, version, stage], e => Assert.Equal(KmsErrorCode.ResourceNotFound, e.Code));
    }

    [Fact]
    public async Task GetSecretValue_BySecretArn_Works()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        Assert.Equal("one", await SecretSteps.ValueAsync(kms, $"acs:kms:cn-hangzhou:{kms.Caller.Account.Value}:secret/s"));
    }

    [Fact]
    public async Task GetSecretValue_OtherAccountsSecret_ThrowsResourceNotFound()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        var other = await kms.AddAccountAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<GetSecretValue>().HandleAsync(other, new GetSecretValueRequest("s"), Ct));

        Assert.Equal(KmsErrorCode.ResourceNotFound, error.Code);
    }

    [Fact]
    public async Task GetSecretValue_EncryptionKeyDisabledOrPendingDeletion_ThrowsTheKeyStateError()
    {
        await using var kms = await CreateAsync();
        var key = await kms.CreateKeyAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one", key.Id.Value);

        await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        var disabled = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.ValueAsync(kms, "s"));
        var put = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.PutAsync(kms, "s", "v2", "two"));
        await kms.Get<EnableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
        Assert.Equal("one", await SecretSteps.ValueAsync(kms, "s"));
        await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);
        var pending = await Assert.ThrowsAsync<KmsException>(() => SecretSteps.ValueAsync(kms, "s"));

        Assert.Equal(KmsErrorCode.KeyDisabled, disabled.Code);
        Assert.Equal(KmsErrorCode.KeyDisabled, put.Code);
        Assert.Equal(KmsErrorCode.KeyPendingDeletion, pending.Code);
    }

    [Fact]
    public async Task GetSecretValue_DryRun_ThrowsDryRunOperationError()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<GetSecretValue>().HandleAsync(kms.Caller, new GetSecretValueRequest("s", DryRun: true), Ct));

        Assert.Equal(KmsErrorCode.DryRunOperationError, error.Code);
    }

    [Fact]
    public async Task GetSecretValue_RowsSwappedBetweenSecrets_DoesNotDecrypt()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "a", "v1", "alpha");
        await SecretSteps.CreateAsync(kms, "b", "v1", "bravo");
        var store = kms.Get<ISecretStore>();
        var a = Assert.Single(await store.ListVersionsAsync(kms.Caller.Account, "a", Ct));
        var b = (await store.FindAsync(kms.Caller.Account, "b", Ct))!;

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<SecretVault>().OpenAsync(kms.Caller, b, a, Ct));

        Assert.Equal(KmsErrorCode.InternalFailure, error.Code);
    }

    [Fact]
    public async Task BatchGetSecretValue_MixedNames_ValuesAndErrorsSideBySide()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "a", "v1", "alpha");

        var result = await kms.Get<BatchGetSecretValue>().HandleAsync(
            kms.Caller, """[{"SecretName":"a"},{"SecretName":"missing"},{"SecretName":"a","VersionStage":"ACSPrevious"}]""", Ct);

        Assert.Equal("alpha", Assert.Single(result.Values).SecretData);
        Assert.Equal(["missing", "a"], result.Errors.Select(e => e.SecretName));
        Assert.All(result.Errors, e => Assert.Equal(KmsErrorCode.ResourceNotFound, e.Error.Code));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[{}]")]
    [InlineData("not json")]
    public async Task BatchGetSecretValue_BadSecretsList_ThrowsInvalidParameter(string json)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<BatchGetSecretValue>().HandleAsync(kms.Caller, json, Ct));

        Assert.Equal("SecretsList", error.Detail);
    }

    [Fact]
    public async Task BatchGetSecretValue_21Secrets_ThrowsInvalidParameter()
    {
        await using var kms = await CreateAsync();
        var json = "[" + string.Join(",", Enumerable.Range(0, 21).Select(i => $$"""{"SecretName":"s{{i}}"}""")) + "]";

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<BatchGetSecretValue>().HandleAsync(kms.Caller, json, Ct));

        Assert.Equal("SecretsList", error.Detail);
    }

    [Fact]
    public async Task ListSecretVersionIds_DeprecatedHiddenUnlessIncluded()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        kms.Time.Advance(TimeSpan.FromSeconds(1));
        await SecretSteps.PutAsync(kms, "s", "v2", "two");
        await SecretSteps.PutAsync(kms, "s", "v3", "three");

        var live = await kms.Get<ListSecretVersionIds>().HandleAsync(kms.Caller, new ListSecretVersionIdsRequest("s"), Ct);
        var all = await kms.Get<ListSecretVersionIds>().HandleAsync(kms.Caller, new ListSecretVersionIdsRequest("s", IncludeDeprecated: true), Ct);
        var page = await kms.Get<ListSecretVersionIds>().HandleAsync(
            kms.Caller, new ListSecretVersionIdsRequest("s", IncludeDeprecated: true, PageNumber: 2, PageSize: 2), Ct);

        Assert.Equal(["v2", "v3"], live.Versions.Select(v => v.VersionId));
        Assert.Equal(2, live.TotalCount);
        Assert.Equal(20, live.PageSize);
        Assert.Equal(["v1", "v2", "v3"], all.Versions.Select(v => v.VersionId));
        Assert.Equal(["v3"], page.Versions.Select(v => v.VersionId));
        Assert.Equal(3, page.TotalCount);
    }

    [Theory]
    [InlineData(0, null, "PageNumber")]
    [InlineData(null, 0, "PageSize")]
    [InlineData(null, 101, "PageSize")]
    public async Task ListSecretVersionIds_PagingOutOfRange_ThrowsInvalidParameter(int? number, int? size, string name)
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<ListSecretVersionIds>().HandleAsync(kms.Caller, new ListSecretVersionIdsRequest("s", false, number, size), Ct));

        Assert.Equal(name, error.Detail);
    }

    [Fact]
    public async Task UpdateSecretVersionStage_MoveCurrent_OldHolderBecomesPrevious()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await SecretSteps.PutAsync(kms, "s", "v2", "two");

        await Stage(kms, "ACSCurrent", from: "v2", to: "v1");
        var stages = await SecretSteps.StagesAsync(kms, "s");

        Assert.Equal(["ACSCurrent"], stages["v1"]);
        Assert.Equal(["ACSPrevious"], stages["v2"]);
        Assert.Equal("one", await SecretSteps.ValueAsync(kms, "s"));
    }

    [Fact]
    public async Task UpdateSecretVersionStage_AddAndRemoveCustomStage()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        await Stage(kms, "Blue", from: null, to: "v1");
        Assert.Equal(["ACSCurrent", "Blue"], (await SecretSteps.StagesAsync(kms, "s"))["v1"]);
        await Stage(kms, "Blue", from: "v1", to: null);

        Assert.Equal(["ACSCurrent"], (await SecretSteps.StagesAsync(kms, "s"))["v1"]);
    }

    [Fact]
    public async Task UpdateSecretVersionStage_BadRequests_ThrowNamedErrors()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await SecretSteps.PutAsync(kms, "s", "v2", "two");

        var removeCurrent = await Assert.ThrowsAsync<KmsException>(() => Stage(kms, "ACSCurrent", from: "v2", to: null));
        var wrongHolder = await Assert.ThrowsAsync<KmsException>(() => Stage(kms, "ACSCurrent", from: "v1", to: "v1"));
        var noHolderNamed = await Assert.ThrowsAsync<KmsException>(() => Stage(kms, "ACSCurrent", from: null, to: "v1"));
        var unknownVersion = await Assert.ThrowsAsync<KmsException>(() => Stage(kms, "Blue", from: null, to: "v9"));
        var neither = await Assert.ThrowsAsync<KmsException>(() => Stage(kms, "Blue", from: null, to: null));

        Assert.Equal(KmsErrorCode.MissingParameter, removeCurrent.Code);
        Assert.Equal("RemoveFromVersion", wrongHolder.Detail);
        Assert.Equal("RemoveFromVersion", noHolderNamed.Detail);
        Assert.Equal(KmsErrorCode.ResourceNotFound, unknownVersion.Code);
        Assert.Equal(KmsErrorCode.MissingParameter, neither.Code);
    }

    private static Task<Secret> Stage(KmsHarness kms, string stage, string? from, string? to) =>
        kms.Get<UpdateSecretVersionStage>().HandleAsync(kms.Caller, new UpdateSecretVersionStageRequest("s", stage, from, to), Ct);
}
