namespace Coffer.Server.Tests.Actions;

public sealed class CreateKeyTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    public static TheoryData<string> SymmetricSpecs => ["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192", "Aliyun_SM4"];

    [Fact]
    public async Task CreateKey_NoParameters_ReturnsCompleteKeyMetadataWithDefaults()
    {
        var response = await factory.Client.CallAsync("CreateKey");

        var json = Expect.Ok(response);
        Assert.Equal(["RequestId", "KeyMetadata"], json.EnumerateObject().Select(p => p.Name));
        KeyMetadataAssert.NewSymmetricKey(json.GetProperty("KeyMetadata"), factory, "Aliyun_AES_256", "", describeKey: false);
    }

    [Theory]
    [MemberData(nameof(SymmetricSpecs))]
    public async Task CreateKey_EachSymmetricSpec_CreatesAKeyThatEncryptsAndDecrypts(string keySpec)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("KeySpec", keySpec), ("Description", "spec " + keySpec)));

        var metadata = Expect.Ok(response).GetProperty("KeyMetadata");
        KeyMetadataAssert.NewSymmetricKey(metadata, factory, keySpec, "spec " + keySpec, describeKey: false);
        var blob = await factory.Client.EncryptAsync(metadata.GetProperty("KeyId").GetString()!, "secret under " + keySpec);
        Assert.Equal("secret under " + keySpec, Expect.Ok(await factory.Client.DecryptAsync(blob)).GetProperty("Plaintext").GetString());
    }

    [Fact]
    public async Task CreateKey_ExplicitDefaults_AreAccepted()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(
            ("KeySpec", "Aliyun_AES_256"), ("KeyUsage", "ENCRYPT/DECRYPT"), ("Origin", "Aliyun_KMS"), ("ProtectionLevel", "SOFTWARE"),
            ("EnableAutomaticRotation", "false")));

        KeyMetadataAssert.NewSymmetricKey(Expect.Ok(response).GetProperty("KeyMetadata"), factory, "Aliyun_AES_256", "", describeKey: false);
    }

    [Fact]
    public async Task CreateKey_TwoCalls_ReturnDistinctKeysAndVersions()
    {
        var first = Expect.Ok(await factory.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");

        var second = Expect.Ok(await factory.Client.CallAsync("CreateKey")).GetProperty("KeyMetadata");

        Assert.NotEqual(first.GetProperty("KeyId").GetString(), second.GetProperty("KeyId").GetString());
        Assert.NotEqual(first.GetProperty("PrimaryKeyVersion").GetString(), second.GetProperty("PrimaryKeyVersion").GetString());
    }

    [Theory]
    [InlineData("KeySpec", "aliyun_aes_256")]
    [InlineData("KeySpec", "AES_256")]
    [InlineData("KeySpec", "Aliyun_AES_512")]
    [InlineData("KeySpec", " Aliyun_AES_256")]
    [InlineData("KeyUsage", "SIGN/VERIFY")]
    [InlineData("KeyUsage", "encrypt/decrypt")]
    [InlineData("KeyUsage", "GENERATE/VERIFY_MAC")]
    [InlineData("Origin", "aliyun_kms")]
    [InlineData("Origin", "Somewhere")]
    [InlineData("ProtectionLevel", "software")]
    [InlineData("ProtectionLevel", "CLOUD")]
    [InlineData("Origin", "external")]
    [InlineData("EnableAutomaticRotation", "yes")]
    [InlineData("EnableAutomaticRotation", "1")]
    public async Task CreateKey_InvalidValue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of((name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Theory]
    [InlineData("DKMSInstanceId", "kst-hzz000")]
    public async Task CreateKey_ParameterOfALaterIssue_ReturnsInvalidParameterNamingIt(string name, string value)
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of((name, value)));

        Expect.InvalidParameter(response, name);
    }

    [Fact]
    public async Task CreateKey_ProtectionLevelHsm_ReturnsUnsupportedProtectionLevel()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("ProtectionLevel", "HSM")));

        Expect.Error(response, "Unsupported.ProtectionLevel", 400, "This protection level is not supported.");
    }

    [Fact]
    public async Task CreateKey_DescriptionOf8192Characters_IsKept()
    {
        var description = new string('d', 8192);

        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Description", description)), Testing.WirePlacement.PostForm);

        Assert.Equal(description, Expect.Ok(response).GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task CreateKey_DescriptionOf8193Characters_ReturnsInvalidParameterDescription()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("Description", new string('d', 8193))), Testing.WirePlacement.PostForm);

        Expect.InvalidParameter(response, "Description");
    }

    [Fact]
    public async Task CreateKey_EmptyParameters_CountAsAbsent()
    {
        var response = await factory.Client.CallAsync("CreateKey", Params.Of(("KeySpec", ""), ("Description", ""), ("Tags", "")));

        KeyMetadataAssert.NewSymmetricKey(Expect.Ok(response).GetProperty("KeyMetadata"), factory, "Aliyun_AES_256", "", describeKey: false);
    }
}
