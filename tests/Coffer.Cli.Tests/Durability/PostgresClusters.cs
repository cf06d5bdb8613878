using System.Diagnostics;
using Coffer.Testing;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// Throwaway PostgreSQL clusters made by <c>.ci/pg-cluster.sh</c> for the tests that need more than the shared test
/// cluster: a primary with a synchronous streaming standby, which a test kills and promotes. They need what the
/// shared cluster needs (root, Debian's PostgreSQL 15), so they follow its gate: without <c>COFFER_TEST_POSTGRES</c>
/// the test is skipped locally and fails under CI.
/// </summary>
internal static class PostgresClusters
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Starts a primary and a synchronous standby (<c>pg-cluster.sh start-pair</c>).</summary>
    public static async Task<PostgresPair> StartPairAsync(CancellationToken cancellationToken)
    {
        PostgresTestDatabases.RequireConnectionString();
        var output = await RunAsync(["start-pair"], cancellationToken);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''), StringComparer.Ordinal);
        return new PostgresPair(
            values["PG_PRIMARY_DIR"], int.Parse(values["PG_PRIMARY_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            values["PG_STANDBY_DIR"], int.Parse(values["PG_STANDBY_PORT"], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <c>.ci/pg-cluster.sh</c> with <paramref name="arguments"/>; returns its stdout, fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"pg-cluster.sh {string.Join(' ', start.ArgumentList.Skip(1))} exited with {process.ExitCode}\n{text}{await stderr}");
        return text;
    }

    private static string Script => SourceTree.Find(Path.Combine(".ci", "pg-cluster.sh"));
}
