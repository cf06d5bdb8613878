using Coffer.Server.Tests.Actions;

namespace Coffer.Server.Tests.Hosting;

/// <summary>The real host on PostgreSQL: the main call families end to end.</summary>
public sealed class PostgresSmokeTests(PostgresApplicationFactory factory) : IClassFixture<PostgresApplicationFactory>
{
    [Fact]
    public async Task EncryptThenDecrypt_OnPostgres_ReturnsThePlaintext()
    {
        PostgresApplicationFactory.Require();
        var keyId = await factory.Client.CreateKeyAsync();

        var blob = await factory.Client.EncryptAsync(keyId, "hello postgres", "{\"a\":\"b\"}");
        var response = await factory.Client.DecryptAsync(blob, "{\"a\":\"b\"}");

        Assert.Equal("hello postgres", Expect.Ok(response).GetProperty("Plaintext").GetString());
        Assert.Equal(keyId, response.Field("KeyId"));
    }

    [Fact]
    public async Task CreateKeyAndVersion_OnPostgres_ListsBothVersionsAndDecryptsWithTheOld()
    {
        PostgresApplicationFactory.Require();
        var keyId = await factory.Client.CreateKeyAsync(description: "on postgres");
        var oldBlob = await factory.Client.EncryptAsync(keyId, "before rotation");

        Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
        var versions = Expect.Ok(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId))));
        var describe = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId))));

        Assert.Equal(2, versions.GetProperty("TotalCount").GetInt32());
        Assert.Equal("on postgres", describe.GetProperty("KeyMetadata").GetProperty("Description").GetString());
        Assert.Equal("before rotation", Expect.Ok(await factory.Client.DecryptAsync(oldBlob)).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task Aliases_OnPostgres_ResolveRetargetAndList()
    {
        PostgresApplicationFactory.Require();
        var first = await factory.Client.CreateKeyAsync();
        var second = await factory.Client.CreateKeyAsync();
        var alias = "alias/pg-" + Guid.NewGuid().ToString("N")[..8];
        await factory.Client.CreateAliasAsync(alias, first);

        var viaAlias = await factory.Client.EncryptAsync(alias, "through the alias");
        Expect.Ok(await factory.Client.CallAsync("UpdateAlias", Params.Of(("AliasName", alias), ("KeyId", second))));
        var retargeted = Expect.Ok(await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", alias))));
        var taken = await factory.Client.CallAsync("CreateAlias", Params.Of(("AliasName", alias), ("KeyId", first)));

        Assert.Equal(first, Expect.Ok(await factory.Client.DecryptAsync(viaAlias)).GetProperty("KeyId").GetString());
        Assert.Equal(second, retargeted.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
        Expect.Error(taken, "AliasAlreadyExists", 400);
        var listed = Expect.Ok(await factory.Client.CallAsync("ListAliasesByKeyId", Params.Of(("KeyId", second))));
        Assert.Equal(alias, listed.GetProperty("Aliases").GetProperty("Alias")[0].GetProperty("AliasName").GetString());
    }

    [Fact]
    public async Task Secrets_OnPostgres_StoreVersionsAndStages()
    {
        PostgresApplicationFactory.Require();
        var name = "pg-secret-" + Guid.NewGuid().ToString("N")[..8];
        Expect.Ok(await factory.Client.CallAsync("CreateSecret", Params.Of(("SecretName", name), ("SecretData", "one"), ("VersionId", "v1"))));

        Expect.Ok(await factory.Client.CallAsync("PutSecretValue", Params.Of(("SecretName", name), ("SecretData", "two"), ("VersionId", "v2"))));
        var current = Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name))));
        var previous = Expect.Ok(await factory.Client.CallAsync("GetSecretValue", Params.Of(("SecretName", name), ("VersionStage", "ACSPrevious"))));

        Assert.Equal("two", current.GetProperty("SecretData").GetString());
        Assert.Equal("v2", current.GetProperty("VersionId").GetString());
        Assert.Equal("one", previous.GetProperty("SecretData").GetString());
    }

    [Fact]
    public async Task ReplayedNonce_OnPostgres_IsRefused()
    {
        PostgresApplicationFactory.Require();
        var nonce = Guid.NewGuid().ToString("N");

        var first = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce);
        var again = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce);

        Expect.Ok(first);
        Expect.Error(again, "SignatureNonceUsed", 400);
    }
}
