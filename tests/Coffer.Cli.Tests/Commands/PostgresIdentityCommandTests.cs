using System.Net;
using Coffer.Testing;
using static Coffer.Cli.Tests.Commands.IdentityCommandTests;

namespace Coffer.Cli.Tests.Commands;

/// <summary>
/// The administration commands against a PostgreSQL store (<c>--store postgres --postgres</c>) while a
/// <c>coffer serve</c> runs on the same database: what they write is what the server enforces.
/// </summary>
public sealed class PostgresIdentityCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserPolicyAndAccountCommands_OnPostgres_AreEnforcedByTheServer()
    {
        var database = await PostgresTestDatabases.CreateAsync(Cancellation);
        var data = _temp.Combine("data");
        var environment = new Dictionary<string, string> { ["COFFER_STORE"] = "postgres", ["COFFER_POSTGRES"] = database };
        using var server = await CofferServerProcess.StartAsync(data, environment);
        var (adminId, adminSecret) = server.PrintedPair();
        var admin = server.Client(adminId, adminSecret);
        var keyA = await CreateKeyAsync(admin);
        var keyB = await CreateKeyAsync(admin);
        var uid = CofferServerProcess.ReadCredentials(data).AccountId;
        var policy = $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"acs:kms:*:{{uid}}:key/{{keyA}}"}]}""";

        Task<CommandResult> Run(params string[] arguments) =>
            CofferProcess.RunAsync([.. arguments, "--data", data, "--store", "postgres", "--postgres", database]);

        Json(await Run("user", "create", "pg-user"));
        Json(await Run("policy", "attach", "--user", "pg-user", "--name", "encrypt-a", "--document", policy));
        var pair = Json(await Run("access-key", "create", "--user", "pg-user"));
        var user = server.Client(pair.GetProperty("AccessKeyId").GetString()!, pair.GetProperty("AccessKeySecret").GetString()!);
        var withA = await user.CallV2Async("Encrypt", Params(("KeyId", keyA), ("Plaintext", "aGk=")), cancellationToken: Cancellation);
        var withB = await user.CallV3Async("Encrypt", Params(("KeyId", keyB), ("Plaintext", "aGk=")), cancellationToken: Cancellation);
        var other = Json(await Run("account", "create"));
        var otherClient = server.Client(other.GetProperty("AccessKeyId").GetString()!, other.GetProperty("AccessKeySecret").GetString()!);
        var closed = await otherClient.CallV2Async("ListKeys", cancellationToken: Cancellation);
        var accounts = Json(await Run("account", "list"));
        var users = Json(await Run("user", "list"));

        CliAssert.Accepted(withA);
        CliAssert.Refused(withB, HttpStatusCode.Forbidden, "Forbidden.NoPermission");
        CliAssert.Refused(closed, HttpStatusCode.Forbidden, "Forbidden.KmsServiceNotEnabled");
        Assert.Equal(2, accounts.GetArrayLength());
        Assert.Equal("pg-user", users[0].GetProperty("UserName").GetString());
    }

    /// <inheritdoc />
    public void Dispose() => _temp.Dispose();
}
