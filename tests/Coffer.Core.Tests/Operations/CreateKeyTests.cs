using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Operations;

public sealed class CreateKeyTests
{
    public static TheoryData<string, KeySpec> Specs => new()
    {
        { "Aliyun_AES_256", KeySpec.AliyunAes256 },
        { "Aliyun_AES_128", KeySpec.AliyunAes128 },
        { "Aliyun_AES_192", KeySpec.AliyunAes192 },
        { "Aliyun_SM4", KeySpec.AliyunSm4 },
    };

    [Fact]
    public async Task CreateKey_NoParameters_MakesAnEnabledAes256EncryptDecryptSoftwareKey()
    {
        await using var kms = await CreateAsync();

        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, null, null, null, null), Ct);

        Assert.Equal(kms.Caller.Account, key.Account);
        Assert.Equal(KeySpec.AliyunAes256, key.Spec);
        Assert.Equal("ENCRYPT/DECRYPT", key.Usage);
        Assert.Equal("Aliyun_KMS", key.Origin);
        Assert.Equal("SOFTWARE", key.ProtectionLevel);
        Assert.Equal(KeyState.Enabled, key.State);
        Assert.Equal("", key.Description);
        Assert.Null(key.DeleteDate);
        Assert.False(key.DeletionProtection);
        Assert.Equal(key.CreationDate, key.LastRotationDate);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", key.Id.Value);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", key.PrimaryVersion.Value);
    }

    [Fact]
    public async Task CreateKey_Created_IsStoredAsReturnedWithItsFirstVersion()
    {
        await using var kms = await CreateAsync();

        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest("mine", null, null, null, null), Ct);

        Assert.Equal(key, await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct));
        var version = await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);
        Assert.NotNull(version);
        Assert.Equal(key.CreationDate, version.CreationDate);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task CreateKey_EverySpec_StoresWrappedMaterialOfTheSpecsLength(string name, KeySpec spec)
    {
        await using var kms = await CreateAsync();

        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, name, null, null, null), Ct);

        Assert.Equal(spec, key.Spec);
        var material = await kms.PrimaryMaterialAsync(key);
        Assert.Equal(KeySpecs.MaterialLength(spec), material.Length);
        var version = await kms.Keys.GetVersionAsync(key.Id, key.PrimaryVersion, Ct);
        Assert.False(version!.WrappedMaterial.AsSpan().IndexOf(material) >= 0, "material must never be stored in the clear");
    }

    [Fact]
    public async Task CreateKey_TwoKeys_HaveDifferentIdsVersionsAndMaterial()
    {
        await using var kms = await CreateAsync();

        var first = await kms.CreateKeyAsync();
        var second = await kms.CreateKeyAsync();

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.PrimaryVersion, second.PrimaryVersion);
        Assert.NotEqual(await kms.PrimaryMaterialAsync(first), await kms.PrimaryMaterialAsync(second));
    }

    [Theory]
    [InlineData("aliyun_aes_256")]
    [InlineData("AES_256")]
    [InlineData("Aliyun_AES_512")]
    [InlineData("RSA_4096")]
    [InlineData("rsa_2048")]
    [InlineData("HMAC_SHA_256")]
    public async Task CreateKey_UnknownKeySpec_ThrowsInvalidParameterKeySpec(string spec)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.CreateKeyAsync(spec));

        AssertInvalid("KeySpec", error);
    }

    [Fact]
    public async Task CreateKey_ExplicitDefaults_Accepted()
    {
        await using var kms = await CreateAsync();
        var request = new CreateKeyRequest("", "Aliyun_AES_256", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE");

        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, request, Ct);

        Assert.Equal(KeySpec.AliyunAes256, key.Spec);
    }

    [Theory]
    [InlineData("SIGN/VERIFY")]
    [InlineData("GENERATE/VERIFY_MAC")]
    [InlineData("encrypt/decrypt")]
    [InlineData("ENCRYPT")]
    public async Task CreateKey_UsageASymmetricKeyCannotHave_ThrowsInvalidParameterKeyUsage(string usage)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, null, usage, null, null), Ct));

        AssertInvalid("KeyUsage", error);
    }

    [Theory]
    [InlineData("External")]
    [InlineData("aliyun_kms")]
    [InlineData("Aliyun_KMS ")]
    public async Task CreateKey_OriginNeitherAliyunKmsNorExternal_ThrowsInvalidParameterOrigin(string origin)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, null, null, origin, null), Ct));

        AssertInvalid("Origin", error);
    }

    [Fact]
    public async Task CreateKey_ProtectionLevelHsm_ThrowsUnsupportedProtectionLevel()
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, null, null, null, "HSM"), Ct));

        Assert.Equal(KmsErrorCode.UnsupportedProtectionLevel, error.Code);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Theory]
    [InlineData("software")]
    [InlineData("hsm")]
    [InlineData("CLOUD")]
    public async Task CreateKey_UnknownProtectionLevel_ThrowsInvalidParameterProtectionLevel(string level)
    {
        await using var kms = await CreateAsync();

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(null, null, null, null, level), Ct));

        AssertInvalid("ProtectionLevel", error);
    }

    [Fact]
    public async Task CreateKey_DescriptionAtTheLimit_IsKept()
    {
        await using var kms = await CreateAsync();
        var description = new string('d', kms.Options.MaxDescriptionLength);

        var key = await kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(description, null, null, null, null), Ct);

        Assert.Equal(8_192, description.Length);
        Assert.Equal(description, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!.Description);
    }

    [Fact]
    public async Task CreateKey_DescriptionOverTheLimit_ThrowsInvalidParameterDescription()
    {
        await using var kms = await CreateAsync();
        var description = new string('d', kms.Options.MaxDescriptionLength + 1);

        var error = await Assert.ThrowsAsync<KmsException>(
            () => kms.Get<CreateKey>().HandleAsync(kms.Caller, new CreateKeyRequest(description, null, null, null, null), Ct));

        AssertInvalid("Description", error);
        Assert.Equal(0, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateKey_QuotaReached_ThrowsLimitExceededAndStoresNothing()
    {
        await using var kms = await CreateAsync(o => o.MaxKeysPerAccount = 2);
        await kms.CreateKeyAsync();
        await kms.CreateKeyAsync();

        var error = await Assert.ThrowsAsync<KmsException>(() => kms.CreateKeyAsync());

        Assert.Equal(KmsErrorCode.LimitExceeded, error.Code);
        Assert.Equal(2, await kms.Keys.CountAsync(kms.Caller.Account, Ct));
    }

    [Fact]
    public async Task CreateKey_QuotaOfOneAccount_DoesNotLimitAnother()
    {
        await using var kms = await CreateAsync(o => o.MaxKeysPerAccount = 2);
        var other = await kms.AddAccountAsync();
        await kms.CreateKeyAsync();
        await kms.CreateKeyAsync();

        var key = await kms.CreateKeyAsync(caller: other);

        Assert.Equal(other.Account, key.Account);
    }

    [Fact]
    public async Task CreateKey_FakeClockMidSecond_CreationDateIsTheWholeSecond()
    {
        await using var kms = await CreateAsync();
        kms.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromTicks(1234));

        var key = await kms.CreateKeyAsync();

        var expected = new DateTimeOffset(2025, 3, 14, 9, 29, 53, TimeSpan.Zero);
        Assert.Equal(expected, key.CreationDate);
        Assert.Equal(expected, key.LastRotationDate);
        Assert.Equal(expected, (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!.CreationDate);
    }

    private static void AssertInvalid(string parameter, KmsException error)
    {
        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
        Assert.Equal(parameter, error.Detail);
    }
}
