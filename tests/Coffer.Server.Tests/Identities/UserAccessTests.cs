using static Coffer.Server.Tests.IdentitySetup;

namespace Coffer.Server.Tests.Identities;

/// <summary>
/// AccessKeys of users: the caller's principal comes from its AccessKey, and the policies attached to the user decide
/// (default deny, explicit Deny wins, no 404 for what the caller may not touch), end to end on Kestrel and SQLite.
/// </summary>
public sealed class UserAccessTests(CofferApplicationFactory server) : IClassFixture<CofferApplicationFactory>
{
    private const string NoPermissionMessage = "This operation is forbidden by permission system.";

    private readonly IdentitySetup _identities = new(server);

    [Fact]
    public async Task Encrypt_UserAllowedOnKeyA_SucceedsWithAAndIsRefusedWithB()
    {
        var (keyA, keyB) = (await CreateKeyAsync(), await CreateKeyAsync());
        var account = _identities.DefaultAccount;
        await _identities.CreateUserAsync(account, "encrypt-a", Policy("Allow", "kms:Encrypt", Arn(keyA)));
        var (_, user) = await _identities.AccessKeyAsync(account, "encrypt-a");

        var withA = await user.CallAsync("Encrypt", Params.Of(("KeyId", keyA), ("Plaintext", "aGVsbG8=")));
        var withB = await user.CallAsync("Encrypt", Params.Of(("KeyId", keyB), ("Plaintext", "aGVsbG8=")));
        var withBv3 = await user.CallSignedV3Async("Encrypt", Params.Of(("KeyId", keyB), ("Plaintext", "aGVsbG8=")));
        var decrypt = await user.CallAsync("Decrypt", Params.Of(("CiphertextBlob", Expect.Ok(withA).GetProperty("CiphertextBlob").GetString()!)));

        Assert.Equal(keyA, Expect.Ok(withA).GetProperty("KeyId").GetString());
        Expect.Error(withB, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Error(withBv3, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Error(decrypt, "Forbidden.NoPermission", 403, NoPermissionMessage);
    }

    [Fact]
    public async Task Encrypt_AllowEverythingButDenyKeyA_DenyWins()
    {
        var (keyA, keyB) = (await CreateKeyAsync(), await CreateKeyAsync());
        var account = _identities.DefaultAccount;
        await _identities.CreateUserAsync(
            account, "deny-a", Policy("Allow", "kms:*", "*"), Policy("Deny", "kms:Encrypt", Arn(keyA)));
        var (_, user) = await _identities.AccessKeyAsync(account, "deny-a");

        var withA = await user.CallAsync("Encrypt", Params.Of(("KeyId", keyA), ("Plaintext", "aGVsbG8=")));
        var withB = await user.CallAsync("Encrypt", Params.Of(("KeyId", keyB), ("Plaintext", "aGVsbG8=")));
        var describeA = await user.CallAsync("DescribeKey", Params.Of(("KeyId", keyA)));

        Expect.Error(withA, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Ok(withB);
        Expect.Ok(describeA);
    }

    [Fact]
    public async Task UnpermittedCaller_UnknownKey_GetsNoPermissionNotNotFound()
    {
        var keyA = await CreateKeyAsync();
        var account = _identities.DefaultAccount;
        await _identities.CreateUserAsync(account, "only-a", Policy("Allow", "kms:*", Arn(keyA)));
        var (_, user) = await _identities.AccessKeyAsync(account, "only-a");

        var unknownId = await user.CallAsync("DescribeKey", Params.Of(("KeyId", "00000000-0000-4000-8000-000000000000")));
        var unknownAlias = await user.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/does-not-exist")));
        var adminUnknown = await server.Client.CallAsync("DescribeKey", Params.Of(("KeyId", "00000000-0000-4000-8000-000000000000")));

        Expect.Error(unknownId, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Error(unknownAlias, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Error(adminUnknown, "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
    }

    [Fact]
    public async Task UserWithoutPolicies_IsRefusedEverythingButDescribeRegions()
    {
        var account = _identities.DefaultAccount;
        await _identities.CreateUserAsync(account, "no-policy");
        var (_, user) = await _identities.AccessKeyAsync(account, "no-policy");

        var listKeys = await user.CallAsync("ListKeys");
        var createKey = await user.CallAsync("CreateKey");
        var regions = await user.CallAsync("DescribeRegions");

        Expect.Error(listKeys, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Error(createKey, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Ok(regions);
    }

    [Fact]
    public async Task AttachAndDetach_ApplyOnTheNextRequest()
    {
        var account = _identities.DefaultAccount;
        await _identities.CreateUserAsync(account, "changing");
        var (_, user) = await _identities.AccessKeyAsync(account, "changing");

        var before = await user.CallAsync("ListKeys");
        await _identities.AttachAsync(account, "changing", "list", Policy("Allow", "kms:List*", "*"));
        var attached = await user.CallAsync("ListKeys");
        await _identities.DetachAsync(account, "changing", "list");
        var detached = await user.CallAsync("ListKeys");

        Expect.Error(before, "Forbidden.NoPermission", 403, NoPermissionMessage);
        Expect.Ok(attached);
        Expect.Error(detached, "Forbidden.NoPermission", 403, NoPermissionMessage);
    }

    [Fact]
    public async Task DisabledUserAccessKey_AnswersForbiddenAccessKey()
    {
        var account = _identities.DefaultAccount;
        await _identities.CreateUserAsync(account, "disabled", Policy("Allow", "kms:*", "*"));
        var (accessKeyId, user) = await _identities.AccessKeyAsync(account, "disabled");
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Core.Storage.IAccessKeyStore>(server.Services);
        var accessKey = await store.FindAsync(accessKeyId, TestContext.Current.CancellationToken);
        Assert.True(await store.TrySetEnabledAsync(accessKeyId, false, accessKey!.Revision, TestContext.Current.CancellationToken));

        var response = await user.CallAsync("ListKeys");

        Expect.Error(response, "Forbidden.AccessKey", 403, "This AccessKey is not enabled.");
    }

    [Fact]
    public async Task AdministratorAccessKey_NeedsNoPolicy()
    {
        var (_, admin) = await _identities.AccessKeyAsync(_identities.DefaultAccount);

        var created = await admin.CallAsync("CreateKey");

        Expect.Ok(created);
    }

    private async Task<string> CreateKeyAsync() =>
        Expect.Ok(await server.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

    private string Arn(string keyId) => $"acs:kms:cn-hangzhou:{server.AccountId}:key/{keyId}";
}
