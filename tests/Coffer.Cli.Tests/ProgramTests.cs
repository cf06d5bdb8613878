namespace Coffer.Cli.Tests;

public sealed class ProgramTests
{
    [Theory]
    [InlineData]
    [InlineData("serve")]
    [InlineData("access-key")]
    [InlineData("access-key", "create")]
    [InlineData("access-key", "list")]
    [InlineData("access-key", "disable")]
    [InlineData("access-key", "enable")]
    public async Task Help_EveryCommand_ExitsZeroAndPrintsUsage(params string[] command)
    {
        using var temp = new TempFolder();

        var result = await CofferProcess.RunAsync([.. command, "--help"], workingDirectory: temp.Path);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', ["coffer", .. command]), result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
        // --help must not start anything: no default ./coffer-data appears.
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
