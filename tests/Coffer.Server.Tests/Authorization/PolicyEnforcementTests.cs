using Coffer.Server.Tests.Actions;
using Coffer.Testing;

namespace Coffer.Server.Tests.Authorization;

/// <summary>
/// Key and secret policies enforced through real Kestrel. Every AccessKey is its account's administrator today, so
/// what shows is that an explicit Deny naming the administrator refuses it and nothing else changes.
/// </summary>
public sealed class PolicyEnforcementTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    private const string NoPermissionMessage = "This operation is forbidden by permission system.";

    [Fact]
    public async Task DenyEncryptInKeyPolicy_RefusesEncrypt_DecryptStillWorks_RemovingRestores()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var blob = await EncryptAsync(keyId, "before");
        await SetKeyPolicyAsync(keyId, Deny("\"kms:Encrypt\""));

        var refused = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x")));
        var decrypted = await factory.Client.DecryptAsync(blob);

        NoPermission(refused);
        Assert.Equal("before", Expect.Ok(decrypted).GetProperty("Plaintext").GetString());
        await SetKeyPolicyAsync(keyId, Policy(AllowRoot()));
        Assert.False(string.IsNullOrEmpty(await EncryptAsync(keyId, "after")));
    }

    [Fact]
    public async Task DenyInKeyPolicy_RefusesEncryptDecryptDescribeKeyForTheAdministrator_ByIdAliasAndArn()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var alias = "alias/deny-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync(alias, keyId);
        var blob = await EncryptAsync(keyId, "secret text");
        await SetKeyPolicyAsync(keyId, Deny("[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\"]"));

        NoPermission(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", alias), ("Plaintext", "x"))));
        NoPermission(await factory.Client.DecryptAsync(blob));
        NoPermission(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId))));
        NoPermission(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", factory.KeyArn(keyId)))));

        // Only the denied actions: the policy itself can still be read and replaced.
        Assert.Contains("Deny", Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowOnlyPolicy_ChangesNothingForTheAdministrator()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await SetKeyPolicyAsync(keyId, Policy(
            $"{{\"Effect\":\"Allow\",\"Principal\":{{\"RAM\":[\"acs:ram::{factory.AccountId}:user/alice\"]}},\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}}"));

        var blob = await EncryptAsync(keyId, "still mine");

        Assert.Equal("still mine", Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString());
        Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId))));
        Expect.Ok(await factory.Client.CallAsync("DisableKey", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task DenyWithEncryptionContextCondition_DeniesOnlyMatchingRequests()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await SetKeyPolicyAsync(keyId, Deny("\"kms:Encrypt\"", "{\"StringEquals\":{\"kms:EncryptionContext:purpose\":\"blocked\"}}"));

        var blocked = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext", "{\"purpose\":\"blocked\"}")));
        var blockedDotted = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext.purpose", "blocked")));
        var other = await factory.Client.CallAsync(
            "Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"), ("EncryptionContext", "{\"purpose\":\"fine\"}")));
        var none = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x")));

        NoPermission(blocked);
        NoPermission(blockedDotted);
        Expect.Ok(other);
        Expect.Ok(none);
    }

    [Fact]
    public async Task SecretPolicyDeny_RefusesGetSecretValue_DescribeSecretStillWorks()
    {
        var name = "policy/" + Guid.NewGuid().ToString("N");
        Expect.Ok(await factory.Client.CallAsync("CreateSecret", Params.Of(("SecretName", name), ("SecretData", "hunter2"), ("VersionId", "v1"))));
        Expect.Ok(await factory.Client.CallAsync("SetSecretPolicy", Params.Of(("SecretName", name), ("Policy", Deny("\"kms:GetSecretValue\"")))));

        NoPermission(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name))));
        var batch = Expect.Ok(await factory.Client.CallAsync("BatchGetSecretValue", Params.Of(("SecretsList", $"[{{\"SecretName\":\"{name}\"}}]"))));
        var error = Assert.Single(batch.GetProperty("Errors").EnumerateArray());
        Assert.Equal("Forbidden.NoPermission", error.GetProperty("Code").GetString());
        Assert.Equal(403, error.GetProperty("HttpStatus").GetInt32());
        Assert.Equal(NoPermissionMessage, error.GetProperty("Message").GetString());
        Assert.Empty(batch.GetProperty("SecretValues").EnumerateArray());
        Expect.Ok(await factory.Client.CallAsync("DescribeSecret", Params.Of(("SecretName", name))));
    }

    [Fact]
    public async Task SourceIpCondition_IsTheLoopbackAddressOfTheCaller()
    {
        var elsewhere = await factory.Client.CreateKeyAsync();
        var here = await factory.Client.CreateKeyAsync();
        await SetKeyPolicyAsync(elsewhere, Deny("\"kms:*\"", "{\"NotIpAddress\":{\"acs:SourceIp\":\"127.0.0.1\"}}"));
        await SetKeyPolicyAsync(here, Deny("\"kms:Encrypt\"", "{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.0/8\"}}"));

        Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", elsewhere), ("Plaintext", "x"))));
        NoPermission(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", here), ("Plaintext", "x"))));
    }

    [Fact]
    public async Task UnknownConditionKeyInDeny_FailsClosed()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        await SetKeyPolicyAsync(keyId, Deny("\"kms:Encrypt\"", "{\"StringEquals\":{\"acs:SourceVpc\":\"vpc-1\"}}"));

        NoPermission(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x"))));
    }

    [Fact]
    public async Task InvalidPolicy_IsRefusedAndTheStoredPolicyKept()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var before = Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString();

        var response = await factory.Client.CallAsync("SetKeyPolicy", Params.Of(
            ("KeyId", keyId), ("Policy", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condtion\":{}}]}")));

        Expect.InvalidParameter(response, "Policy");
        Assert.Equal(before, Expect.Ok(await factory.Client.CallAsync("GetKeyPolicy", Params.Of(("KeyId", keyId)))).GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task UnknownKey_StillAnswers404ToTheAdministrator()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("Plaintext", "x"))));
    }

    private static void NoPermission(CofferResponse response) =>
        Expect.Error(response, "Forbidden.NoPermission", 403, NoPermissionMessage);

    private async Task<string> EncryptAsync(string keyId, string plaintext) =>
        Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", plaintext))))
            .GetProperty("CiphertextBlob").GetString()!;

    private async Task SetKeyPolicyAsync(string keyId, string policy) =>
        Expect.Ok(await factory.Client.CallAsync("SetKeyPolicy", Params.Of(("KeyId", keyId), ("Policy", policy))));

    private string AllowRoot() =>
        $"{{\"Effect\":\"Allow\",\"Principal\":{{\"RAM\":[\"acs:ram::{factory.AccountId}:root\"]}},\"Action\":[\"kms:*\"],\"Resource\":[\"*\"]}}";

    /// <summary>The default statement plus a Deny of <paramref name="actions"/> naming the administrator.</summary>
    private string Deny(string actions, string? condition = null) => Policy(
        AllowRoot(),
        $"{{\"Effect\":\"Deny\",\"Principal\":{{\"RAM\":[\"acs:ram::{factory.AccountId}:root\"]}},\"Action\":{actions},\"Resource\":\"*\""
            + (condition is null ? "" : $",\"Condition\":{condition}") + "}");

    private static string Policy(params string[] statements) => "{\"Version\":\"1\",\"Statement\":[" + string.Join(",", statements) + "]}";
}
