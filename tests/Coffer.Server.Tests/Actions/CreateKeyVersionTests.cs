using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class CreateKeyVersionTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task CreateKeyVersion_EnabledKey_ReturnsTheNewPrimaryVersion()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var before = await factory.Client.DescribeAsync(keyId);

        var response = await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyVersion"], json.EnumerateObject().Select(p => p.Name));
        var version = json.GetProperty("KeyVersion");
        Assert.Equal(["CreationDate", "KeyId", "KeyVersionId"], version.EnumerateObject().Select(p => p.Name));
        Assert.Equal(keyId, version.GetProperty("KeyId").GetString());
        var versionId = version.GetProperty("KeyVersionId").GetString()!;
        Assert.Matches(KeyMetadataAssert.LowerGuid(), versionId);
        Assert.NotEqual(before.GetProperty("PrimaryKeyVersion").GetString(), versionId);
        var after = await factory.Client.DescribeAsync(keyId);
        Assert.Equal(versionId, after.GetProperty("PrimaryKeyVersion").GetString());
        Assert.Equal(version.GetProperty("CreationDate").GetString(), after.GetProperty("LastRotationDate").GetString());
        Assert.True(Time(after, "LastRotationDate") >= Time(before, "LastRotationDate"));
    }

    [Fact]
    public async Task CreateKeyVersion_AfterRotation_NewCiphertextsUseTheNewVersionAndOldOnesStillDecrypt()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var oldBlob = await factory.Client.EncryptAsync(keyId, "sealed under v1");

        var versionId = Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))))
            .GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString();

        var encrypted = Expect.Ok(await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "sealed under v2"))));
        Assert.Equal(versionId, encrypted.GetProperty("KeyVersionId").GetString());
        Assert.Equal("sealed under v1", Expect.Ok(await factory.Client.DecryptAsync(oldBlob)).GetProperty("Plaintext").GetString());
        Assert.Equal(
            "sealed under v2",
            Expect.Ok(await factory.Client.DecryptAsync(encrypted.GetProperty("CiphertextBlob").GetString()!)).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task CreateKeyVersion_KeyArn_RotatesTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", factory.KeyArn(keyId))));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyVersion").GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task CreateKeyVersion_RotationEnabled_MovesNextRotationDate()
    {
        var keyId = Expect.Ok(await factory.Client.CallAsync("CreateKey", Params.Of(("EnableAutomaticRotation", "true"), ("RotationInterval", "10d"))))
            .GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));

        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal(Time(metadata, "LastRotationDate").AddDays(10), Time(metadata, "NextRotationDate"));
    }

    [Fact]
    public async Task CreateKeyVersion_FiftyFirstVersion_ReturnsLimitExceeded()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        for (var i = 2; i <= 50; i++)
        {
            Expect.Ok(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
        }

        var response = await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId)));

        Expect.Error(response, "Rejected.LimitExceeded", 400, "The request was rejected because user create resource limit was exceeded.");
        Assert.Equal(50, Expect.Ok(await factory.Client.CallAsync("ListKeyVersions", Params.Of(("KeyId", keyId)))).GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task CreateKeyVersion_DisabledKey_ReturnsRejectedDisabled()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        Disabled(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task CreateKeyVersion_PendingDeletionKey_ReturnsRejectedPendingDeletion()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        PendingDeletion(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
    }

    [Fact]
    public async Task CreateKeyVersion_UnknownAlias_ReturnsAliasNotFound()
    {
        Expect.AliasNotFound(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", "alias/no-such-alias"))));
    }

    [Fact]
    public async Task CreateKeyVersion_UnknownKey_ReturnsKeyNotFound()
    {
        Expect.KeyNotFound(await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", Guid.NewGuid().ToString()))));
    }

    [Fact]
    public async Task CreateKeyVersion_NoKeyId_ReturnsMissingParameterKeyId()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("CreateKeyVersion"), "KeyId");
    }

    [Theory]
    [InlineData("alias/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:alias/{0}")]
    public async Task CreateKeyVersion_AliasForms_RotateTheKeyAndAnswerItsKeyId(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var name = "rotate-" + Guid.NewGuid().ToString("N");
        await factory.Client.CreateAliasAsync("alias/" + name, keyId);
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name, factory.AccountId);

        var response = await factory.Client.CallAsync("CreateKeyVersion", Params.Of(("KeyId", reference)));

        var version = Expect.Ok(response).GetProperty("KeyVersion");
        Assert.Equal(keyId, version.GetProperty("KeyId").GetString());
        Assert.Equal(version.GetProperty("KeyVersionId").GetString(), (await factory.Client.DescribeAsync(keyId)).GetProperty("PrimaryKeyVersion").GetString());
    }
}
