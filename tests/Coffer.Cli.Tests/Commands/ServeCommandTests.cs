using System.Net;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Commands;

public sealed class ServeCommandTests(RunningServerFixture running, StoppedServerFixture stopped)
    : IClassFixture<RunningServerFixture>, IClassFixture<StoppedServerFixture>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Serve_FirstStart_InitialisesDataFolderWithOwnerOnlyFiles()
    {
        var rootKeyFile = Path.Combine(running.DataDirectory, "root.key");
        var credentialsFile = Path.Combine(running.DataDirectory, "credentials.json");

        var rootKey = Convert.FromBase64String(File.ReadAllText(rootKeyFile).Trim());

        Assert.Equal(32, rootKey.Length);
        Assert.Equal(OwnerOnly, TempFolder.Mode(rootKeyFile));
        Assert.Equal(OwnerOnly, TempFolder.Mode(credentialsFile));
        Assert.True(File.Exists(Path.Combine(running.DataDirectory, "coffer.db")), "no SQLite database coffer.db");
    }

    [Fact]
    public void Serve_FirstStart_PrintsTheCredentialsFilePairOnce()
    {
        var (accountId, accessKeyId, accessKeySecret) = CofferServerProcess.ReadCredentials(running.DataDirectory);

        Assert.Matches("^[1-9][0-9]{15}$", accountId);
        Assert.Equal(running.AdminAccessKeyId, accessKeyId);
        Assert.Equal(running.AdminAccessKeySecret, accessKeySecret);
        Assert.Equal(1, CliAssert.Occurrences(running.Server.Process.StandardOutput, accessKeySecret));
        Assert.DoesNotContain(accessKeySecret, running.Server.Process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_FirstStart_PrintedPairSignsRequests()
    {
        var client = running.AdminClient();

        var response = await client.CallV2Async("ListKeys", cancellationToken: Cancellation);

        CliAssert.Accepted(response);
    }

    [Fact]
    public async Task Serve_ReplayedV2Request_ReturnsSignatureNonceUsed()
    {
        var client = running.AdminClient();
        using var original = client.BuildV2("DescribeRegions", new Dictionary<string, string>(), WirePlacement.PostQuery);
        using var replay = new HttpRequestMessage(HttpMethod.Post, original.RequestUri);
        CliAssert.Accepted(await client.SendAsync(original, Cancellation));

        var response = await client.SendAsync(replay, Cancellation);

        CliAssert.Refused(response, HttpStatusCode.BadRequest, "SignatureNonceUsed");
        Assert.Equal("Specified signature nonce was used already.", response.Field("Message"));
    }

    [Fact]
    public async Task Serve_ReplayedV3Request_ReturnsSignatureNonceUsed()
    {
        var client = running.AdminClient();
        using var original = client.BuildV3("DescribeRegions", new Dictionary<string, string>());
        using var replay = new HttpRequestMessage(HttpMethod.Post, original.RequestUri);
        foreach (var header in original.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        CliAssert.Accepted(await client.SendAsync(original, Cancellation));

        var response = await client.SendAsync(replay, Cancellation);

        CliAssert.Refused(response, HttpStatusCode.BadRequest, "SignatureNonceUsed");
    }

    [Fact]
    public async Task Serve_V3RequestReusingAV2Nonce_ReturnsSignatureNonceUsed()
    {
        // DECISIONS.md: V2 and V3 share one nonce namespace per AccessKeyId.
        var client = running.AdminClient();
        var nonce = Guid.NewGuid().ToString("N");
        CliAssert.Accepted(await client.CallV2Async("DescribeRegions", tamper: p => p["SignatureNonce"] = nonce, cancellationToken: Cancellation));
        using var v3 = client.BuildV3("DescribeRegions", new Dictionary<string, string>(), nonce);

        var response = await client.SendAsync(v3, Cancellation);

        CliAssert.Refused(response, HttpStatusCode.BadRequest, "SignatureNonceUsed");
    }

    [Fact]
    public void Serve_BootstrapVariables_FixTheAdminPair()
    {
        var (_, accessKeyId, accessKeySecret) = CofferServerProcess.ReadCredentials(stopped.DataDirectory);

        Assert.Equal(stopped.BootstrapAccessKeyId, accessKeyId);
        Assert.Equal(stopped.BootstrapAccessKeySecret, accessKeySecret);
        Assert.Contains(stopped.BootstrapAccessKeyId, stopped.FirstStartOutput, StringComparison.Ordinal);
        Assert.Equal(1, CliAssert.Occurrences(stopped.FirstStartOutput, stopped.BootstrapAccessKeySecret));
        CliAssert.Accepted(stopped.AcceptedResponse);
    }

    [Fact]
    public void Serve_RootKeyFromEnvironment_WritesNoRootKeyFile()
    {
        // The point of COFFER_ROOT_KEY is to keep the root key off the data folder's disk.
        Assert.False(File.Exists(Path.Combine(stopped.DataDirectory, "root.key")), "COFFER_ROOT_KEY was written to root.key");
        Assert.True(File.Exists(Path.Combine(stopped.DataDirectory, "coffer.db")), "no SQLite database coffer.db");
        Assert.Equal(OwnerOnly, TempFolder.Mode(Path.Combine(stopped.DataDirectory, "credentials.json")));
    }

    [Fact]
    public void Serve_Sigterm_ExitsZeroWithinTenSeconds()
    {
        Assert.True(stopped.Sigterm.ExitCode is not null, stopped.Sigterm.Failure);
        Assert.Equal(0, stopped.Sigterm.ExitCode);
    }

    [Fact]
    public async Task Serve_RestartOnSameFolder_RefusesReplayedRequestAndPrintsNoSecret()
    {
        var credentials = Path.Combine(stopped.DataDirectory, "credentials.json");
        var credentialsBefore = TempFolder.Hash(credentials);
        using var server = await CofferServerProcess.StartAsync(stopped.DataDirectory, stopped.FirstStartEnvironment, stopped.Port);
        var client = server.Client(stopped.BootstrapAccessKeyId, stopped.BootstrapAccessKeySecret);
        using var replay = new HttpRequestMessage(HttpMethod.Post, stopped.AcceptedRequest);

        var replayed = await client.SendAsync(replay, Cancellation);
        var fresh = await client.CallV2Async("DescribeRegions", cancellationToken: Cancellation);
        var exitCode = await server.StopAsync("INT");

        CliAssert.Refused(replayed, HttpStatusCode.BadRequest, "SignatureNonceUsed");
        CliAssert.Accepted(fresh);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(stopped.BootstrapAccessKeySecret, server.Process.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(stopped.BootstrapAccessKeySecret, server.Process.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("AccessKeySecret", server.Process.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(credentialsBefore, TempFolder.Hash(credentials));
    }

    public enum RootKeyFault
    {
        Missing,
        WrongInEnvironment,
        MalformedInEnvironment,
        WrongInFile,
    }

    [Theory]
    [InlineData(RootKeyFault.Missing)]
    [InlineData(RootKeyFault.WrongInEnvironment)]
    [InlineData(RootKeyFault.MalformedInEnvironment)]
    [InlineData(RootKeyFault.WrongInFile)]
    public async Task Serve_RootKeyMissingOrWrongForExistingDatabase_RefusesWithOneLineAndChangesNothing(RootKeyFault fault)
    {
        var rootKeyFile = Path.Combine(stopped.DataDirectory, "root.key");
        var environment = new Dictionary<string, string>();
        switch (fault)
        {
            case RootKeyFault.WrongInEnvironment:
                environment["COFFER_ROOT_KEY"] = TempFolder.NewRootKey();
                break;
            case RootKeyFault.MalformedInEnvironment:
                environment["COFFER_ROOT_KEY"] = "bm90IDMyIGJ5dGVz";
                break;
            case RootKeyFault.WrongInFile:
                TempFolder.WriteOwnerOnly(rootKeyFile, TempFolder.NewRootKey() + "\n");
                break;
        }

        var before = Snapshot(stopped.DataDirectory);
        try
        {
            var result = await CofferProcess.RunAsync(
                ["serve", "--urls", $"http://127.0.0.1:{CofferServerProcess.FreePort()}", "--data", stopped.DataDirectory], environment);

            CliAssert.RefusedWithOneLine(result);
            Assert.Matches("(?i)root[ _]key", result.StandardError);
            Assert.DoesNotContain("Coffer listening", result.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("AccessKeySecret", result.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(stopped.DataDirectory));
        }
        finally
        {
            File.Delete(rootKeyFile);
        }
    }

    [Fact]
    public async Task Serve_FolderWithRootKeyFileButNoDatabase_InitialisesWithThatKey()
    {
        using var temp = new TempFolder();
        var rootKeyFile = temp.Combine("root.key");
        TempFolder.WriteOwnerOnly(rootKeyFile, TempFolder.NewRootKey() + "\n");
        var rootKeyBefore = TempFolder.Hash(rootKeyFile);

        using var server = await CofferServerProcess.StartAsync(temp.Path);
        var (accessKeyId, accessKeySecret) = server.PrintedPair();
        var response = await server.Client(accessKeyId, accessKeySecret).CallV2Async("ListKeys", cancellationToken: Cancellation);

        CliAssert.Accepted(response);
        Assert.Equal(rootKeyBefore, TempFolder.Hash(rootKeyFile));
        Assert.True(File.Exists(temp.Combine("coffer.db")), "no SQLite database coffer.db");
        Assert.Equal(accessKeySecret, CofferServerProcess.ReadCredentials(temp.Path).AccessKeySecret);
    }

    [Fact]
    public async Task Serve_DatabaseThatIsNotSqlite_RefusesWithOneLine()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("coffer.db"), new string('x', 4096));

        var result = await CofferProcess.RunAsync(
            ["serve", "--urls", $"http://127.0.0.1:{CofferServerProcess.FreePort()}", "--data", temp.Path]);

        CliAssert.RefusedWithOneLine(result);
        Assert.False(File.Exists(temp.Combine("root.key")), "a refused start wrote a root key");
        Assert.False(File.Exists(temp.Combine("credentials.json")), "a refused start wrote credentials.json");
    }

    [Fact]
    public async Task Serve_StaleCredentialsFileWithoutDatabase_NeverLosesTheAdminSecret()
    {
        // A folder without a database is initialised; the start may either replace the stale file or refuse before
        // initialising anything, but it must never leave an admin AccessKey whose secret was neither printed nor saved.
        using var temp = new TempFolder();
        TempFolder.WriteOwnerOnly(
            temp.Combine("credentials.json"), """{"AccountId":"1000000000000000","AccessKeyId":"LTAIstale","AccessKeySecret":"stale"}""" + "\n");

        using var server = CofferServerProcess.Launch(temp.Path);
        var listening = await server.IsListeningAsync();
        var saved = CofferServerProcess.ReadCredentials(temp.Path);
        var list = await CofferProcess.RunAsync(["access-key", "list", "--data", temp.Path]);

        if (listening)
        {
            Assert.Equal(server.PrintedPair(), (saved.AccessKeyId, saved.AccessKeySecret));
            CliAssert.Accepted(await server.Client(saved.AccessKeyId, saved.AccessKeySecret).CallV2Async("ListKeys", cancellationToken: Cancellation));
        }
        else
        {
            var exitCode = await server.Process.WaitForExitAsync(CofferProcess.CommandTimeout);
            CliAssert.RefusedWithOneLine(new CommandResult(exitCode, server.Process.StandardOutput, server.Process.StandardError));
            Assert.True(
                list.ExitCode != 0,
                $"the refused start left an initialised database whose admin secret is in neither stdout nor credentials.json\n"
                + $"{server.Process.Describe()}--- access-key list ---\n{list.StandardOutput}");
        }
    }

    /// <summary>
    /// Every file of the folder with its SHA-256, except SQLite's shared-memory index (-shm), which any reader
    /// rewrites; the database file and its write-ahead log are included.
    /// </summary>
    private static string Snapshot(string folder) => JsonSerializer.Serialize(
        Directory.GetFiles(folder)
            .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {TempFolder.Hash(f)}"));
}
