using Coffer.Core.Errors;
using Coffer.Core.Operations;
using Coffer.Core.Storage;
using Coffer.Core.Tags;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

/// <summary>DescribeSecret, ListSecrets, UpdateSecret, DeleteSecret, RestoreSecret, policies, rotation refusals, secret tags.</summary>
public sealed class SecretLifecycleTests
{
    [Fact]
    public async Task DeleteSecret_DefaultWindow_PlannedIn30DaysAndValueCallsRefused()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var (_, planned) = await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s"), Ct);
        var described = await kms.Get<DescribeSecret>().HandleAsync(kms.Caller, "s", false, Ct);
        var listed = await kms.Get<ListSecrets>().HandleAsync(kms.Caller, new ListSecretsRequest(), Ct);
        var refused = new List<KmsException>
        {
            await Assert.ThrowsAsync<KmsException>(() => SecretSteps.ValueAsync(kms, "s")),
            await Assert.ThrowsAsync<KmsException>(() => SecretSteps.PutAsync(kms, "s", "v2", "two")),
            await Assert.ThrowsAsync<KmsException>(
                () => kms.Get<UpdateSecret>().HandleAsync(kms.Caller, new UpdateSecretRequest("s", "d"), Ct)),
            await Assert.ThrowsAsync<KmsException>(
                () => kms.Get<UpdateSecretVersionStage>().HandleAsync(kms.Caller, new UpdateSecretVersionStageRequest("s", "X", null, "v1"), Ct)),
            await Assert.ThrowsAsync<KmsException>(
                () => kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s"), Ct)),
            await Assert.ThrowsAsync<KmsException>(
                () => kms.Get<TagResources>().HandleAsync(kms.Caller, new TagResourcesRequest(["s"], "secret", [new Tag("a", "1")]), Ct)),
        };

        Assert.Equal(new DateTimeOffset(2025, 4, 13, 9, 26, 53, TimeSpan.Zero), planned);
        Assert.Equal(planned, described.Secret.PlannedDeleteTime);
        Assert.Equal(planned, Assert.Single(listed.Secrets).Secret.PlannedDeleteTime);
        Assert.All(refused, e => Assert.Equal(KmsErrorCode.ResourceInDeleteWindow, e.Code));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(31)]
    public async Task DeleteSecret_WindowOutOfRange_ThrowsInvalidParameter(int days)
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: days), Ct));

        Assert.Equal("RecoveryWindowInDays", error.Detail);
    }

    [Fact]
    public async Task DeleteSecret_Forced_GoneAtOnceWithVersionsAndTags()
    {
        await using var kms = await CreateAsync();
        await kms.Get<CreateSecret>().HandleAsync(kms.Caller, new CreateSecretRequest("s", "v1", "d", Tags: [new Tag("a", "1")]), Ct);
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: 7), Ct);

        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", ForceDeleteWithoutRecovery: true), Ct);

        Assert.Null(await kms.Get<ISecretStore>().FindAsync(kms.Caller.Account, "s", Ct));
        Assert.Empty(await kms.Get<ISecretStore>().ListVersionsAsync(kms.Caller.Account, "s", Ct));
        Assert.Empty(await kms.Get<ITagStore>().ListAsync(kms.Caller.Account, "secret", "s", Ct));
        await SecretSteps.CreateAsync(kms, "s", "v1", "again");
        Assert.Equal("again", await SecretSteps.ValueAsync(kms, "s"));
    }

    [Fact]
    public async Task RestoreSecret_InsideWindow_SecretUsableAgain()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: 7), Ct);
        kms.Time.Advance(TimeSpan.FromDays(6));

        await kms.Get<RestoreSecret>().HandleAsync(kms.Caller, "s", Ct);

        Assert.Null((await kms.Get<DescribeSecret>().HandleAsync(kms.Caller, "s", false, Ct)).Secret.PlannedDeleteTime);
        Assert.Equal("one", await SecretSteps.ValueAsync(kms, "s"));
    }

    [Fact]
    public async Task RestoreSecret_WindowPassed_ThrowsResourceNotFound()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        await kms.Get<DeleteSecret>().HandleAsync(kms.Caller, new DeleteSecretRequest("s", RecoveryWindowInDays: 7), Ct);
        kms.Time.Advance(TimeSpan.FromDays(7));

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<RestoreSecret>().HandleAsync(kms.Caller, "s", Ct));

        Assert.Equal(KmsErrorCode.ResourceNotFound, error.Code);
    }

    [Fact]
    public async Task UpdateSecret_Description_ChangedAndExtendedConfigRefused()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        await kms.Get<UpdateSecret>().HandleAsync(kms.Caller, new UpdateSecretRequest("s", "new text"), Ct);
        var extended = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<UpdateSecret>().HandleAsync(kms.Caller, new UpdateSecretRequest("s", null, HasExtendedConfig: true), Ct));

        Assert.Equal("new text", (await kms.Get<DescribeSecret>().HandleAsync(kms.Caller, "s", false, Ct)).Secret.Description);
        Assert.Equal(KmsErrorCode.UnsupportedOperation, extended.Code);
    }

    [Fact]
    public async Task ListSecrets_PagingAndFilters()
    {
        await using var kms = await CreateAsync();
        foreach (var name in new[] { "app/db", "app/cache", "other" })
        {
            await SecretSteps.CreateAsync(kms, name, "v1", "x");
            kms.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await kms.Get<TagResources>().HandleAsync(kms.Caller, new TagResourcesRequest(["other"], "secret", [new Tag("team", "red")]), Ct);
        var list = kms.Get<ListSecrets>();

        var page = await list.HandleAsync(kms.Caller, new ListSecretsRequest(PageNumber: 2, PageSize: 2), Ct);
        var byName = await list.HandleAsync(kms.Caller, new ListSecretsRequest("""[{"Key":"SecretName","Values":["app/"]}]"""), Ct);
        var byTag = await list.HandleAsync(kms.Caller, new ListSecretsRequest("""[{"Key":"TagKey","Values":["team"]}]""", FetchTags: true), Ct);
        var past = await list.HandleAsync(kms.Caller, new ListSecretsRequest(PageNumber: 9), Ct);

        Assert.Equal(["other"], page.Secrets.Select(s => s.Secret.Name));
        Assert.Equal(3, page.TotalCount);
        Assert.Equal(["app/db", "app/cache"], byName.Secrets.Select(s => s.Secret.Name));
        Assert.Equal([new Tag("team", "red")], Assert.Single(byTag.Secrets).Tags);
        Assert.Empty(past.Secrets);
        Assert.Equal(3, past.TotalCount);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""[{"Key":"Nope","Values":["x"]}]""")]
    [InlineData("""[{"Key":"SecretName","Values":[]}]""")]
    public async Task ListSecrets_BadFilters_ThrowsInvalidParameterFilters(string filters)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.Get<ListSecrets>().HandleAsync(kms.Caller, new ListSecretsRequest(filters), Ct));

        Assert.Equal("Filters", error.Detail);
    }

    [Fact]
    public async Task SecretPolicy_DefaultThenStoredVerbatim_OtherNameNotFound()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");
        const string Policy = """{"Version":"1","Statement":[]}""";

        var before = await kms.Get<GetSecretPolicy>().HandleAsync(kms.Caller, "s", null, Ct);
        await kms.Get<SetSecretPolicy>().HandleAsync(kms.Caller, "s", Policy, "default", Ct);
        var after = await kms.Get<GetSecretPolicy>().HandleAsync(kms.Caller, "s", null, Ct);
        var other = await Assert.ThrowsAsync<KmsException>(() => kms.Get<GetSecretPolicy>().HandleAsync(kms.Caller, "s", "custom", Ct));

        Assert.Contains($"acs:ram::{kms.Caller.Account.Value}:root", before, StringComparison.Ordinal);
        Assert.Equal(Policy, after);
        Assert.Equal(KmsErrorCode.ResourceNotFound, other.Code);
    }

    [Fact]
    public async Task SecretRotation_KnownSecretUnsupported_UnknownNotFound()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        var known = await Assert.ThrowsAsync<KmsException>(() => kms.Get<SecretRotation>().HandleAsync(kms.Caller, "s", Ct));
        var unknown = await Assert.ThrowsAsync<KmsException>(() => kms.Get<SecretRotation>().HandleAsync(kms.Caller, "nope", Ct));

        Assert.Equal(KmsErrorCode.UnsupportedOperation, known.Code);
        Assert.Equal(KmsErrorCode.ResourceNotFound, unknown.Code);
    }

    [Fact]
    public async Task SecretTags_TagListUntag_ResourceTypeSecret()
    {
        await using var kms = await CreateAsync();
        await SecretSteps.CreateAsync(kms, "s", "v1", "one");

        await kms.Get<TagResources>().HandleAsync(kms.Caller, new TagResourcesRequest(["s"], "secret", [new Tag("a", "1"), new Tag("b", "2")]), Ct);
        await kms.Get<UntagResources>().HandleAsync(kms.Caller, new UntagResourcesRequest(["s"], "secret", ["a"], false), Ct);
        var rows = await kms.Get<ListTagResources>().HandleAsync(kms.Caller, new ListTagResourcesRequest([], "secret", [], null), Ct);
        var unknown = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<TagResources>().HandleAsync(kms.Caller, new TagResourcesRequest(["nope"], "secret", [new Tag("a", "1")]), Ct));

        Assert.Equal([("s", new Tag("b", "2"))], rows.Rows);
        Assert.Equal(KmsErrorCode.ResourceNotFound, unknown.Code);
    }
}
