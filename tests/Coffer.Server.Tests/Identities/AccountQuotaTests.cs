using Coffer.Core.Accounts;

namespace Coffer.Server.Tests.Identities;

/// <summary>Quotas stored with an account override the server's for that account alone (Rejected.LimitExceeded).</summary>
public sealed class AccountQuotaTests(CofferApplicationFactory server) : IClassFixture<CofferApplicationFactory>
{
    private const string LimitExceededMessage = "The request was rejected because user create resource limit was exceeded.";

    private readonly IdentitySetup _identities = new(server);

    [Fact]
    public async Task AccountQuotas_EachCountPastItsOverride_IsLimitExceeded()
    {
        var account = await _identities.CreateAccountAsync(
            quotas: new AccountQuotas(Keys: 1, Aliases: 1, Secrets: 1, VersionsPerKey: 2, TagsPerResource: 1));
        var (_, admin) = await _identities.AccessKeyAsync(account);
        var keyId = Expect.Ok(await admin.CallAsync("CreateKey")).GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var secondKey = await admin.CallAsync("CreateKey");
        Expect.Ok(await admin.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/quota-1"), ("KeyId", keyId))));
        var secondAlias = await admin.CallAsync("CreateAlias", Params.Of(("AliasName", "alias/quota-2"), ("KeyId", keyId)));
        Expect.Ok(await admin.CallAsync("CreateSecret", Params.Of(("SecretName", "quota-1"), ("SecretData", "x"), ("VersionId", "v1"))));
        var secondSecret = await admin.CallAsync("CreateSecret", Params.Of(("SecretName", "quota-2"), ("SecretData", "x"), ("VersionId", "v1")));
        Expect.Ok(await admin.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId))));
        var thirdVersion = await admin.CallAsync("CreateKeyVersion", Params.Of(("KeyId", keyId)));
        var twoTags = await admin.CallAsync("TagResource", Params.Of(("KeyId", keyId), ("Tags", """[{"TagKey":"a","TagValue":"1"},{"TagKey":"b","TagValue":"2"}]""")));

        Expect.Error(secondKey, "Rejected.LimitExceeded", 400, LimitExceededMessage);
        Expect.Error(secondAlias, "Rejected.LimitExceeded", 400, LimitExceededMessage);
        Expect.Error(secondSecret, "Rejected.LimitExceeded", 400, LimitExceededMessage);
        Expect.Error(thirdVersion, "Rejected.LimitExceeded", 400, LimitExceededMessage);
        Expect.Error(twoTags, "Rejected.LimitExceeded", 400, LimitExceededMessage);
    }

    [Fact]
    public async Task AccountQuotas_OfAnotherAccount_LeaveTheDefaultAccountOnTheServerFigures()
    {
        await _identities.CreateAccountAsync(quotas: new AccountQuotas(Keys: 0));

        var first = await server.Client.CallAsync("CreateKey");
        var second = await server.Client.CallAsync("CreateKey");

        Expect.Ok(first);
        Expect.Ok(second);
    }
}
