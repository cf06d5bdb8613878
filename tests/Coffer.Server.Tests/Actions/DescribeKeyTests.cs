namespace Coffer.Server.Tests.Actions;

public sealed class DescribeKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Fact]
    public async Task DescribeKey_ByKeyId_ReturnsCreateKeyMetadataPlusDeletionProtection()
    {
        var created = Expect.Ok(await factory.Client.CallAsync("CreateKey", Params.Of(("KeySpec", "Aliyun_SM4"), ("Description", "d")))).GetProperty("KeyMetadata");
        var keyId = created.GetProperty("KeyId").GetString()!;

        var response = await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", keyId)));

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyMetadata"], json.EnumerateObject().Select(p => p.Name));
        var metadata = json.GetProperty("KeyMetadata");
        KeyMetadataAssert.NewSymmetricKey(metadata, factory, "Aliyun_SM4", "d", describeKey: true);
        Assert.All(created.EnumerateObject(), p => Assert.Equal(p.Value.GetString(), metadata.GetProperty(p.Name).GetString()));
    }

    [Fact]
    public async Task DescribeKey_ByKeyArn_ResolvesToTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var arn = $"acs:kms:cn-hangzhou:{factory.AccountId}:key/{keyId}";

        var response = await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", arn)));

        var metadata = Expect.Ok(response).GetProperty("KeyMetadata");
        Assert.Equal(keyId, metadata.GetProperty("KeyId").GetString());
        Assert.Equal(arn, metadata.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task DescribeKey_SignedV3_ReturnsTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallSignedV3Async("DescribeKey", Params.Of(("KeyId", keyId)));

        Assert.Equal(keyId, Expect.Ok(response).GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
    }

    [Theory]
    [InlineData("acs:kms:cn-hangzhou:1234567890123456:key/{0}")]
    [InlineData("acs:kms:cn-shanghai:{1}:key/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:secret/{0}")]
    [InlineData("acs:kms:cn-hangzhou:{1}:key/")]
    [InlineData("acs:kms:cn-hangzhou:{1}:key")]
    [InlineData("{2}")]
    [InlineData("not-a-key-id")]
    [InlineData("key/{0}")]
    public async Task DescribeKey_ReferenceResolvingToNothing_ReturnsKeyNotFound(string template)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, keyId, factory.AccountId, Guid.NewGuid());

        var response = await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", reference)));

        Expect.KeyNotFound(response);
    }

    [Theory]
    [InlineData("alias/x")]
    [InlineData("alias/no-such-alias")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/x")]
    public async Task DescribeKey_AliasForm_ReturnsAliasNotFound(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        var response = await factory.Client.CallAsync("DescribeKey", Params.Of(("KeyId", reference)));

        Expect.AliasNotFound(response);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task DescribeKey_NoKeyId_ReturnsMissingParameterKeyId(string? keyId)
    {
        var parameters = keyId is null ? Params.Of() : Params.Of(("KeyId", keyId));

        var response = await factory.Client.CallAsync("DescribeKey", parameters);

        Expect.MissingParameter(response, "KeyId");
    }
}
