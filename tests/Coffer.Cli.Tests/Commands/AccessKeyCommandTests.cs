using System.Net;
using System.Text.Json;

namespace Coffer.Cli.Tests.Commands;

public sealed class AccessKeyCommandTests(RunningServerFixture server) : IClassFixture<RunningServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_RunningServer_PrintsJsonPairThatSignsRequests()
    {
        var result = await server.AccessKeyAsync("create");
        var (accessKeyId, accessKeySecret) = ParsePair(result);
        var response = await server.Server.Client(accessKeyId, accessKeySecret).CallV2Async("ListKeys", cancellationToken: Cancellation);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal("", result.StandardError);
        CliAssert.Accepted(response);
    }

    [Fact]
    public async Task Disable_RunningServer_RefusedWithinTheCacheBoundAndEnableAcceptsItAgain()
    {
        // The server caches AccessKeys for its cache-invalidation bound (1 s by default) and the command is another
        // process, so the change is polled for; the test fails only past ten times the bound.
        var (accessKeyId, accessKeySecret) = ParsePair(await server.AccessKeyAsync("create"));
        var client = server.Server.Client(accessKeyId, accessKeySecret);
        CliAssert.Accepted(await client.CallV2Async("DescribeRegions", cancellationToken: Cancellation));

        var disabled = await server.AccessKeyAsync("disable", accessKeyId);
        var whileDisabled = await CliAssert.PollAsync(() => client.CallV2Async("DescribeRegions", cancellationToken: Cancellation), HttpStatusCode.Forbidden);
        var whileDisabledV3 = await client.CallV3Async("DescribeRegions", cancellationToken: Cancellation);
        var enabled = await server.AccessKeyAsync("enable", accessKeyId);
        var afterEnable = await CliAssert.PollAsync(() => client.CallV2Async("DescribeRegions", cancellationToken: Cancellation), HttpStatusCode.OK);

        Assert.True(disabled.ExitCode == 0, disabled.Describe());
        CliAssert.Refused(whileDisabled, HttpStatusCode.Forbidden, "Forbidden.AccessKey");
        CliAssert.Refused(whileDisabledV3, HttpStatusCode.Forbidden, "Forbidden.AccessKey");
        Assert.True(enabled.ExitCode == 0, enabled.Describe());
        CliAssert.Accepted(afterEnable);
    }

    [Fact]
    public async Task List_AfterCreateAndDisable_ShowsIdsAndStatesButNoSecret()
    {
        var (accessKeyId, accessKeySecret) = ParsePair(await server.AccessKeyAsync("create"));
        var disabled = await server.AccessKeyAsync("disable", accessKeyId);
        Assert.True(disabled.ExitCode == 0, disabled.Describe());

        var result = await server.AccessKeyAsync("list");

        Assert.True(result.ExitCode == 0, result.Describe());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var adminLine = Assert.Single(lines, l => l.Contains(server.AdminAccessKeyId, StringComparison.Ordinal));
        var createdLine = Assert.Single(lines, l => l.Contains(accessKeyId, StringComparison.Ordinal));
        Assert.Contains("Enabled", adminLine, StringComparison.Ordinal);
        Assert.Contains("Disabled", createdLine, StringComparison.Ordinal);
        Assert.DoesNotContain(accessKeySecret, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminAccessKeySecret, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Disable_UnknownAccessKeyId_ExitsNonZeroWithOneLine()
    {
        var result = await server.AccessKeyAsync("disable", "LTAInosuchkey0000000000");

        CliAssert.RefusedWithOneLine(result);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("list")]
    [InlineData("disable", "LTAIanykey")]
    [InlineData("enable", "LTAIanykey")]
    public async Task AccessKey_FolderWithoutDatabase_ExitsNonZeroWithOneLine(params string[] arguments)
    {
        using var temp = new TempFolder();

        var result = await CofferProcess.RunAsync(["access-key", .. arguments, "--data", temp.Path]);

        CliAssert.RefusedWithOneLine(result);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    private static (string AccessKeyId, string AccessKeySecret) ParsePair(CommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var properties = json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["AccessKeyId", "AccessKeySecret", "AccountId", "Principal"], properties);
        Assert.EndsWith(":root", json.RootElement.GetProperty("Principal").GetString(), StringComparison.Ordinal);
        return (json.RootElement.GetProperty("AccessKeyId").GetString()!, json.RootElement.GetProperty("AccessKeySecret").GetString()!);
    }
}
