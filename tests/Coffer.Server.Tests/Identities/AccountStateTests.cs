using Coffer.Core.Accounts;

namespace Coffer.Server.Tests.Identities;

/// <summary>
/// Account states at step 11: a closed account answers Forbidden.KmsServiceNotEnabled until OpenKmsService, and each
/// state the administrator sets answers its seed row (Code, status, Message byte for byte) for every call but
/// DescribeAccountKmsStatus, which reports it.
/// </summary>
public sealed class AccountStateTests(CofferApplicationFactory server) : IClassFixture<CofferApplicationFactory>
{
    private readonly IdentitySetup _identities = new(server);

    public static TheoryData<AccountStatus, string, string, string> States => new()
    {
        { AccountStatus.InDebt, "Forbidden.InDebt", "Current user is indebted.", "InDebt" },
        { AccountStatus.InDebtOverdue, "Forbidden.InDebtOverdue", "Current user is indebted Overdue.", "InDebt" },
        { AccountStatus.ProhibitedByRiskControl, "Forbidden.ProhibitedByRiskControl", "Current user is Prohibited By Risk Control.", "Suspended" },
        { AccountStatus.UbsmsInvalidUserid, "Forbidden.UbsmsInvalidUserid", "Userid Invalid For Ubsms.", "Suspended" },
        { AccountStatus.UbsmsInvalidBid, "Forbidden.UbsmsInvalidBid", "Your account partner does not have KMS Service.", "Suspended" },
    };

    [Fact]
    public async Task ClosedAccount_NotEnabledUntilOpenKmsService()
    {
        var account = await _identities.CreateAccountAsync(AccountStatus.NotOpened);
        var (_, admin) = await _identities.AccessKeyAsync(account);

        var createWhileClosed = await admin.CallAsync("CreateKey");
        var listWhileClosed = await admin.CallSignedV3Async("ListKeys");
        var status = await admin.CallAsync("DescribeAccountKmsStatus");
        var regions = await admin.CallAsync("DescribeRegions");
        var open = await admin.CallAsync("OpenKmsService");
        var createWhenOpen = await admin.CallAsync("CreateKey");
        var statusWhenOpen = await admin.CallAsync("DescribeAccountKmsStatus");

        const string message = "Kms service is not Enabled for current user. Please get access permission first.";
        Expect.Error(createWhileClosed, "Forbidden.KmsServiceNotEnabled", 403, message);
        Expect.Error(listWhileClosed, "Forbidden.KmsServiceNotEnabled", 403, message);
        Assert.Equal("NotEnabled", Expect.Ok(status).GetProperty("AccountStatus").GetString());
        Expect.Ok(regions);
        Expect.Ok(open);
        Expect.Ok(createWhenOpen);
        Assert.Equal("Enabled", Expect.Ok(statusWhenOpen).GetProperty("AccountStatus").GetString());
    }

    [Fact]
    public async Task ClosedAccount_UserAccessKey_AlsoNotEnabled()
    {
        var account = await _identities.CreateAccountAsync(AccountStatus.NotOpened);
        await _identities.CreateUserAsync(account, "closed-user", IdentitySetup.Policy("Allow", "kms:*", "*"));
        var (_, user) = await _identities.AccessKeyAsync(account, "closed-user");

        var response = await user.CallAsync("ListKeys");

        Expect.Error(response, "Forbidden.KmsServiceNotEnabled", 403);
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task State_EveryCallButStatus_AnswersItsSeedRow(AccountStatus state, string code, string message, string reported)
    {
        var account = await _identities.CreateAccountAsync();
        var (_, admin) = await _identities.AccessKeyAsync(account);
        var keyId = Expect.Ok(await admin.CallAsync("CreateKey")).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _identities.SetStateAsync(account, state);

        var encrypt = await admin.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "aGVsbG8=")));
        var listV3 = await admin.CallSignedV3Async("ListKeys");
        var open = await admin.CallAsync("OpenKmsService");
        var regions = await admin.CallAsync("DescribeRegions");
        var status = await admin.CallAsync("DescribeAccountKmsStatus");
        await _identities.SetStateAsync(account, AccountStatus.Opened);
        var afterReopen = await admin.CallAsync("Encrypt", Params.Of(("KeyId", keyId), ("Plaintext", "aGVsbG8=")));

        Expect.Error(encrypt, code, 403, message);
        Expect.Error(listV3, code, 403, message);
        Expect.Error(open, code, 403, message);
        Expect.Error(regions, code, 403, message);
        Assert.Equal(reported, Expect.Ok(status).GetProperty("AccountStatus").GetString());
        Expect.Ok(afterReopen);
    }

    [Fact]
    public async Task State_OfAnotherAccount_DoesNotTouchTheDefaultAccount()
    {
        var account = await _identities.CreateAccountAsync();
        await _identities.SetStateAsync(account, AccountStatus.InDebt);

        var response = await server.Client.CallAsync("ListKeys");

        Expect.Ok(response);
    }
}
