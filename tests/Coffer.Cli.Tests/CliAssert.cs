using System.Net;
using Coffer.Testing;

namespace Coffer.Cli.Tests;

/// <summary>Assertions the command tests share.</summary>
internal static class CliAssert
{
    /// <summary>A refusal: non-zero exit, and stderr is exactly one "coffer: ..." line with no stack frame.</summary>
    public static void RefusedWithOneLine(CommandResult result)
    {
        Assert.True(result.ExitCode != 0, "expected a non-zero exit\n" + result.Describe());
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected exactly one line on stderr\n" + result.Describe());
        Assert.StartsWith("coffer: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A 200 answer without a top-level Code.</summary>
    public static void Accepted(CofferResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"expected 200, got {(int)response.Status}: {response.Text}");
        Assert.Null(response.Code);
    }

    /// <summary>An error answer with the given status and Code.</summary>
    public static void Refused(CofferResponse response, HttpStatusCode status, string code)
    {
        Assert.True(response.Status == status && response.Code == code, $"expected {(int)status} {code}, got {(int)response.Status}: {response.Text}");
    }

    /// <summary>How often <paramref name="value"/> occurs in <paramref name="text"/>.</summary>
    public static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Calls until the answer has status <paramref name="until"/> or ten seconds pass (ten cache bounds: a server reuses
    /// what it read from the store for up to COFFER_CACHE_BOUND_MS, 1 s by default), and returns the last answer.
    /// </summary>
    public static async Task<CofferResponse> PollAsync(Func<Task<CofferResponse>> call, HttpStatusCode until)
    {
        var deadline = TimeSpan.FromSeconds(10);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await call();
            if (response.Status == until || clock.Elapsed > deadline)
            {
                return response;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
