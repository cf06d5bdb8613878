using System.Net;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Commands;

/// <summary>
/// <c>coffer account|user|policy|access-key create --user</c> as child processes against the folder of a running
/// <c>coffer serve</c>: each prints JSON, and the server applies what they write on the next request.
/// </summary>
public sealed class IdentityCommandTests(RunningServerFixture server) : IClassFixture<RunningServerFixture>
{
    private const string NoPermission = "Forbidden.NoPermission";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserWithAttachedPolicy_EncryptsWithAllowedKeyOnly()
    {
        var admin = server.AdminClient();
        var keyA = await CreateKeyAsync(admin);
        var keyB = await CreateKeyAsync(admin);
        var uid = CofferServerProcess.ReadCredentials(server.DataDirectory).AccountId;
        var policy = $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt"],"Resource":["acs:kms:*:{{uid}}:key/{{keyA}}"]}]}""";

        var user = Json(await server.RunAsync("user", "create", "cli-encrypt"));
        var attach = Json(await server.RunAsync("policy", "attach", "--user", "cli-encrypt", "--name", "encrypt-a", "--document", policy));
        var pair = Json(await server.RunAsync("access-key", "create", "--user", "cli-encrypt"));
        var client = server.Server.Client(pair.GetProperty("AccessKeyId").GetString()!, pair.GetProperty("AccessKeySecret").GetString()!);
        var withA = await client.CallV2Async("Encrypt", Params(("KeyId", keyA), ("Plaintext", "aGk=")), cancellationToken: Cancellation);
        var withB = await client.CallV3Async("Encrypt", Params(("KeyId", keyB), ("Plaintext", "aGk=")), cancellationToken: Cancellation);
        var shown = Json(await server.RunAsync("policy", "show", "--user", "cli-encrypt"));
        var detach = await server.RunAsync("policy", "detach", "--user", "cli-encrypt", "--name", "encrypt-a");
        var afterDetach = await client.CallV2Async("Encrypt", Params(("KeyId", keyA), ("Plaintext", "aGk=")), cancellationToken: Cancellation);

        Assert.Equal($"acs:ram::{uid}:user/cli-encrypt", user.GetProperty("Arn").GetString());
        Assert.Equal("encrypt-a", attach.GetProperty("PolicyName").GetString());
        Assert.Equal($"acs:ram::{uid}:user/cli-encrypt", pair.GetProperty("Principal").GetString());
        CliAssert.Accepted(withA);
        CliAssert.Refused(withB, HttpStatusCode.Forbidden, NoPermission);
        Assert.Equal("This operation is forbidden by permission system.", withB.Field("Message"));
        Assert.Equal("Allow", shown[0].GetProperty("Document").GetProperty("Statement")[0].GetProperty("Effect").GetString());
        Assert.True(detach.ExitCode == 0, detach.Describe());
        CliAssert.Refused(afterDetach, HttpStatusCode.Forbidden, NoPermission);
    }

    [Fact]
    public async Task PolicyAttach_InvalidDocumentOrUnknownUser_RefusedWithOneLineAndNothingStored()
    {
        Assert.True((await server.RunAsync("user", "create", "cli-invalid")).ExitCode == 0);
        var file = Path.Combine(server.DataDirectory, "..", "bad-policy.json");
        await File.WriteAllTextAsync(file, """{"Version":"2","Statement":[]}""", Cancellation);

        var badVersion = await server.RunAsync("policy", "attach", "--user", "cli-invalid", "--name", "bad", "--file", file);
        var notJson = await server.RunAsync("policy", "attach", "--user", "cli-invalid", "--name", "bad", "--document", "{");
        var unknownUser = await server.RunAsync(
            "policy", "attach", "--user", "nobody", "--name", "ok", "--document", """{"Version":"1","Statement":[]}""");
        var unknownUserKey = await server.RunAsync("access-key", "create", "--user", "nobody");
        var shown = Json(await server.RunAsync("policy", "show", "--user", "cli-invalid"));

        CliAssert.RefusedWithOneLine(badVersion);
        CliAssert.RefusedWithOneLine(notJson);
        CliAssert.RefusedWithOneLine(unknownUser);
        CliAssert.RefusedWithOneLine(unknownUserKey);
        Assert.Equal(0, shown.GetArrayLength());
    }

    [Fact]
    public async Task AccountCreate_StartsClosed_OpenKmsServiceOpensIt_SetStateAnswersItsRow()
    {
        var created = Json(await server.RunAsync("account", "create", "--max-keys", "1"));
        var uid = created.GetProperty("AccountId").GetString()!;
        var client = server.Server.Client(created.GetProperty("AccessKeyId").GetString()!, created.GetProperty("AccessKeySecret").GetString()!);

        var closed = await client.CallV2Async("CreateKey", cancellationToken: Cancellation);
        var opened = await client.CallV2Async("OpenKmsService", cancellationToken: Cancellation);
        var first = await client.CallV2Async("CreateKey", cancellationToken: Cancellation);
        var second = await client.CallV2Async("CreateKey", cancellationToken: Cancellation);
        var setState = Json(await server.RunAsync("account", "set-state", uid, "ProhibitedByRiskControl"));
        var prohibited = await CliAssert.PollAsync(() => client.CallV3Async("ListKeys", cancellationToken: Cancellation), HttpStatusCode.Forbidden);
        var status = await client.CallV2Async("DescribeAccountKmsStatus", cancellationToken: Cancellation);
        var quota = Json(await server.RunAsync("account", "set-quota", uid, "--max-keys", "default"));
        var list = Json(await server.RunAsync("account", "list"));
        var badState = await server.RunAsync("account", "set-state", uid, "Bankrupt");

        Assert.Equal("NotOpened", created.GetProperty("Status").GetString());
        Assert.Equal(1, created.GetProperty("Quotas").GetProperty("Keys").GetInt32());
        CliAssert.Refused(closed, HttpStatusCode.Forbidden, "Forbidden.KmsServiceNotEnabled");
        CliAssert.Accepted(opened);
        CliAssert.Accepted(first);
        CliAssert.Refused(second, HttpStatusCode.BadRequest, "Rejected.LimitExceeded");
        Assert.Equal("ProhibitedByRiskControl", setState.GetProperty("Status").GetString());
        CliAssert.Refused(prohibited, HttpStatusCode.Forbidden, "Forbidden.ProhibitedByRiskControl");
        Assert.Equal("Current user is Prohibited By Risk Control.", prohibited.Field("Message"));
        Assert.Equal("Suspended", status.Field("AccountStatus"));
        Assert.Equal(JsonValueKind.Null, quota.GetProperty("Quotas").GetProperty("Keys").ValueKind);
        Assert.Equal("Opened", list[0].GetProperty("Status").GetString());
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("AccountId").GetString() == uid);
        CliAssert.RefusedWithOneLine(badState);
    }

    [Fact]
    public async Task AccessKeyCreate_OtherAccount_CannotSeeTheDefaultAccountsKeys()
    {
        var keyA = await CreateKeyAsync(server.AdminClient());
        var uid = CofferServerProcess.ReadCredentials(server.DataDirectory).AccountId;
        var other = Json(await server.RunAsync("account", "create"));
        var otherUid = other.GetProperty("AccountId").GetString()!;
        Assert.True((await server.RunAsync("account", "set-state", otherUid, "Opened")).ExitCode == 0);
        var pair = Json(await server.RunAsync("access-key", "create", "--account", otherUid));
        var client = server.Server.Client(pair.GetProperty("AccessKeyId").GetString()!, pair.GetProperty("AccessKeySecret").GetString()!);

        var byArn = await client.CallV2Async(
            "Encrypt", Params(("KeyId", $"acs:kms:cn-hangzhou:{uid}:key/{keyA}"), ("Plaintext", "aGk=")), cancellationToken: Cancellation);
        var users = Json(await server.RunAsync("user", "list", "--account", otherUid));

        Assert.Equal($"acs:ram::{otherUid}:root", pair.GetProperty("Principal").GetString());
        CliAssert.Refused(byArn, HttpStatusCode.NotFound, "Forbidden.KeyNotFound");
        Assert.Equal(0, users.GetArrayLength());
    }

    internal static async Task<string> CreateKeyAsync(SigningClient admin)
    {
        var response = await admin.CallV2Async("CreateKey", cancellationToken: Cancellation);
        CliAssert.Accepted(response);
        return response.Json.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    internal static Dictionary<string, string> Params(params (string Name, string Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    internal static JsonElement Json(CommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }
}
