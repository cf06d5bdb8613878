using static Coffer.Server.Tests.IdentitySetup;

namespace Coffer.Server.Tests.Identities;

/// <summary>
/// One account cannot see or use another's keys, aliases, ciphertexts or secrets, by ID, alias or ARN: the other
/// account's administrator meets the 404 every unknown resource gets (DECISIONS.md: other accounts' ARNs are
/// Forbidden.KeyNotFound), a restricted user meets Forbidden.NoPermission.
/// </summary>
public sealed class AccountIsolationTests(CofferApplicationFactory server) : IClassFixture<CofferApplicationFactory>
{
    private readonly IdentitySetup _identities = new(server);

    [Fact]
    public async Task OtherAccount_KeyByIdArnOrAlias_IsNotFound()
    {
        var (keyId, arn, blob) = await DefaultAccountKeyAsync("isolation-a");
        var other = await _identities.CreateAccountAsync();
        var (_, admin) = await _identities.AccessKeyAsync(other);

        var byId = await admin.CallAsync("DescribeKey", Params.Of(("KeyId", keyId)));
        var byArn = await admin.CallAsync("Encrypt", Params.Of(("KeyId", arn), ("Plaintext", "aGVsbG8=")));
        var byArnV3 = await admin.CallSignedV3Async("DescribeKey", Params.Of(("KeyId", arn)));
        var byAlias = await admin.CallAsync("Encrypt", Params.Of(("KeyId", "alias/isolation-a"), ("Plaintext", "aGVsbG8=")));
        var decrypt = await admin.CallAsync("Decrypt", Params.Of(("CiphertextBlob", blob)));
        var disable = await admin.CallAsync("DisableKey", Params.Of(("KeyId", keyId)));
        var list = Expect.Ok(await admin.CallAsync("ListKeys"));
        var aliases = Expect.Ok(await admin.CallAsync("ListAliases"));

        Expect.Error(byId, "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        Expect.Error(byArn, "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        Expect.Error(byArnV3, "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        Expect.Error(byAlias, "Forbidden.AliasNotFound", 404, Expect.AliasNotFoundMessage);
        Expect.Error(decrypt, "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        Expect.Error(disable, "Forbidden.KeyNotFound", 404, Expect.KeyNotFoundMessage);
        Assert.Equal(0, list.GetProperty("TotalCount").GetInt32());
        Assert.Equal(0, aliases.GetProperty("TotalCount").GetInt32());
        var stillEnabled = Expect.Ok(await server.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId))));
        Assert.Equal("Enabled", stillEnabled.GetProperty("KeyMetadata").GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task OtherAccount_SameAliasAndSecretNames_AreItsOwn()
    {
        var (keyId, _, _) = await DefaultAccountKeyAsync("isolation-shared");
        Expect.Ok(await server.Client.CallAsync("CreateSecret", Params.Of(("SecretName", "isolation-secret"), ("SecretData", "mine"), ("VersionId", "v1"))));
        var other = await _identities.CreateAccountAsync();
        var (_, admin) = await _identities.AccessKeyAsync(other);
        var otherKey = Expect.Ok(await admin.CallAsync("CreateKey")).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var alias = await admin.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/isolation-shared"), ("KeyId", otherKey)));
        var readSecret = await admin.CallAsync("GetSecretValue", Params.Of(("SecretName", "isolation-secret")));
        var createSecret = await admin.CallAsync("CreateSecret", Params.Of(("SecretName", "isolation-secret"), ("SecretData", "theirs"), ("VersionId", "v1")));
        var theirs = await admin.CallAsync("GetSecretValue", Params.Of(("SecretName", "isolation-secret")));
        var mine = await server.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", "isolation-secret")));
        var described = await admin.CallAsync("DescribeKey", Params.Of(("KeyId", "alias/isolation-shared")));

        Expect.Ok(alias);
        Expect.Error(readSecret, "Forbidden.ResourceNotFound", 404);
        Expect.Ok(createSecret);
        Assert.Equal("theirs", Expect.Ok(theirs).GetProperty("SecretData").GetString());
        Assert.Equal("mine", Expect.Ok(mine).GetProperty("SecretData").GetString());
        var metadata = Expect.Ok(described).GetProperty("KeyMetadata");
        Assert.Equal(otherKey, metadata.GetProperty("KeyId").GetString());
        Assert.StartsWith($"acs:kms:cn-hangzhou:{other.Value}:key/", metadata.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        Assert.Equal(other.Value, metadata.GetProperty("Creator").GetString());
        Assert.NotEqual(keyId, otherKey);
    }

    [Fact]
    public async Task OtherAccountUser_KeyArn_IsRefusedWithNoPermission()
    {
        var (_, arn, _) = await DefaultAccountKeyAsync("isolation-user");
        var other = await _identities.CreateAccountAsync();
        var ownKey = $"acs:kms:cn-hangzhou:{other.Value}:key/*";
        await _identities.CreateUserAsync(other, "restricted", Policy("Allow", "kms:*", ownKey));
        var (_, user) = await _identities.AccessKeyAsync(other, "restricted");

        var byArn = await user.CallAsync("Encrypt", Params.Of(("KeyId", arn), ("Plaintext", "aGVsbG8=")));

        Expect.Error(byArn, "Forbidden.NoPermission", 403, "This operation is forbidden by permission system.");
    }

    private async Task<(string KeyId, string Arn, string Blob)> DefaultAccountKeyAsync(string alias)
    {
        var metadata = Expect.Ok(await server.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");
        var keyId = metadata.GetProperty("KeyId").GetString()!;
        Expect.Ok(await server.Client.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/" + alias), ("KeyId", keyId))));
        var blob = Expect.Ok(await server.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "aGVsbG8="))))
            .GetProperty("CiphertextBlob").GetString()!;
        return (keyId, metadata.GetProperty("Arn").GetString()!, blob);
    }
}
