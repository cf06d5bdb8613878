using static Coffer.Server.Tests.Actions.KeyLifecycleCalls;

namespace Coffer.Server.Tests.Actions;

public sealed class ScheduleKeyDeletionTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(366)]
    public async Task ScheduleKeyDeletion_WindowInRange_SetsPendingDeletionAndDeleteDate(int days)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var before = TimeProvider.System.GetUtcNow();

        var response = await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", Text(days))));

        RequestIdOnly(response);
        var metadata = await factory.Client.DescribeAsync(keyId);
        Assert.Equal("PendingDeletion", metadata.GetProperty("KeyState").GetString());
        var deleteDate = Time(metadata, "DeleteDate");
        Assert.InRange(deleteDate, before.AddDays(days).AddSeconds(-1), TimeProvider.System.GetUtcNow().AddDays(days));
    }

    [Fact]
    public async Task ScheduleKeyDeletion_PendingDeletionKey_StillDescribedListedAndRefusesEncrypt()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();

        var encrypt = await factory.Client.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "x")));

        PendingDeletion(encrypt);
        var listed = Expect.Ok(await factory.Client.CallAsync("ListKeys", Params.Of(("PageSize", "100"))));
        Assert.Contains(keyId, listed.GetProperty("Keys").GetProperty("Key").EnumerateArray().Select(k => k.GetProperty("KeyId").GetString()));
    }

    [Fact]
    public async Task ScheduleKeyDeletion_DisabledKey_IsScheduled()
    {
        var keyId = await factory.Client.DisabledKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7"))));

        Assert.Equal("PendingDeletion", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task ScheduleKeyDeletion_KeyArn_SchedulesTheKey()
    {
        var keyId = await factory.Client.CreateKeyAsync();

        RequestIdOnly(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", factory.KeyArn(keyId)), ("PendingWindowInDays", "7"))));

        Assert.Equal("PendingDeletion", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Fact]
    public async Task ScheduleKeyDeletion_AlreadyPendingDeletion_ReturnsStateModifiedFailedAndKeepsTheDate()
    {
        var keyId = await factory.Client.PendingDeletionKeyAsync();
        var deleteDate = (await factory.Client.DescribeAsync(keyId)).GetProperty("DeleteDate").GetString();

        var response = await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "30")));

        StateModifiedFailed(response);
        Assert.Equal(deleteDate, (await factory.Client.DescribeAsync(keyId)).GetProperty("DeleteDate").GetString());
    }

    [Fact]
    public async Task ScheduleKeyDeletion_DeletionProtectedKey_ReturnsStateModifiedFailed()
    {
        var keyId = await factory.Client.CreateKeyAsync();
        RequestIdOnly(await factory.Client.CallAsync("SetDeletionProtection", Params.Of(("KeyId", keyId), ("EnableDeletionProtection", "true"))));

        var response = await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", "7")));

        StateModifiedFailed(response);
        Assert.Equal("Enabled", (await factory.Client.DescribeAsync(keyId)).GetProperty("KeyState").GetString());
    }

    [Theory]
    [InlineData("6")]
    [InlineData("367")]
    [InlineData("0")]
    [InlineData("-7")]
    [InlineData("7.0")]
    [InlineData("seven")]
    [InlineData("99999999999")]
    public async Task ScheduleKeyDeletion_WindowOutOfRangeOrMalformed_ReturnsInvalidParameterPendingWindowInDays(string days)
    {
        var keyId = await factory.Client.CreateKeyAsync();

        var response = await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", keyId), ("PendingWindowInDays", days)));

        Expect.InvalidParameter(response, "PendingWindowInDays");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ScheduleKeyDeletion_NoWindow_ReturnsMissingParameterPendingWindowInDays(string? days)
    {
        var keyId = await factory.Client.CreateKeyAsync();
        var parameters = days is null ? Params.Of(("KeyId", keyId)) : Params.Of(("KeyId", keyId), ("PendingWindowInDays", days));

        var response = await factory.Client.CallAsync("ScheduleKeyDeletion", parameters);

        Expect.MissingParameter(response, "PendingWindowInDays");
    }

    [Fact]
    public async Task ScheduleKeyDeletion_NoKeyId_ReturnsMissingParameterKeyIdBeforeTheWindow()
    {
        Expect.MissingParameter(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("PendingWindowInDays", "1"))), "KeyId");
    }

    [Fact]
    public async Task ScheduleKeyDeletion_UnknownKeyWithBadWindow_ReturnsInvalidParameterBeforeKeyNotFound()
    {
        var response = await factory.Client.CallAsync(
            "ScheduleKeyDeletion", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("PendingWindowInDays", "1")));

        Expect.InvalidParameter(response, "PendingWindowInDays");
    }

    [Fact]
    public async Task ScheduleKeyDeletion_UnknownKey_ReturnsKeyNotFound()
    {
        var response = await factory.Client.CallAsync(
            "ScheduleKeyDeletion", Params.Of(("KeyId", Guid.NewGuid().ToString()), ("PendingWindowInDays", "7")));

        Expect.KeyNotFound(response);
    }

    [Theory]
    [InlineData("alias/anything")]
    [InlineData("acs:kms:cn-hangzhou:{0}:alias/anything")]
    public async Task ScheduleKeyDeletion_AliasForm_ReturnsUnsupportedAlias(string template)
    {
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, factory.AccountId);

        UnsupportedAlias(await factory.Client.CallAsync("ScheduleKeyDeletion", Params.Of(("KeyId", reference), ("PendingWindowInDays", "7"))));
    }
}
