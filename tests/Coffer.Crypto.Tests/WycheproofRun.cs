using System.Security.Cryptography;
using System.Text.Json;

namespace Coffer.Crypto.Tests;

/// <summary>
/// Runs every case of one Wycheproof file and tallies passes, failures and skips (each skip under a stated reason).
/// </summary>
/// <remarks>
/// A case function returns null for a pass, a failure text, or throws <see cref="SkipCase"/> with the reason its
/// parameters are not offered by Coffer. "acceptable" cases are counted; either outcome passes for them.
/// </remarks>
internal sealed class WycheproofRun
{
    private WycheproofRun(string fileName) => FileName = fileName;

    public string FileName { get; }

    public int Total { get; private set; }

    public int Passed { get; private set; }

    public int Acceptable { get; private set; }

    public SortedDictionary<string, int> Skips { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    public static WycheproofRun Run(string fileName, Func<JsonElement, JsonElement, string?> runCase)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "wycheproof", fileName);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var run = new WycheproofRun(fileName);
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                run.Record(group, test, runCase);
            }
        }

        // Guards against a parse that skips groups: the file states its own case count.
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), run.Total);
        return run;
    }

    public static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString() ?? "");

    public static string Result(JsonElement test) => test.GetProperty("result").GetString() ?? "";

    /// <summary>Checks a boolean outcome against the case's result.</summary>
    public static string? Expect(JsonElement test, bool accepted) => Result(test) switch
    {
        "valid" => accepted ? null : "rejected a valid case",
        "invalid" => accepted ? "accepted an invalid case" : null,
        "acceptable" => null,
        var other => $"unknown result \"{other}\"",
    };

    public void AssertCounts(ITestOutputHelper output, int total, int passed, int acceptable, SortedDictionary<string, int>? skips = null)
    {
        output.WriteLine(Describe());
        Assert.True(Failures.Count == 0, $"{FileName}: {Failures.Count} failures; first: {string.Join(" | ", Failures.Take(5))}");
        Assert.Equal(total, Total);
        Assert.Equal(passed, Passed);
        Assert.Equal(acceptable, Acceptable);
        Assert.Equal(skips ?? new SortedDictionary<string, int>(StringComparer.Ordinal), Skips);
    }

    public string Describe()
    {
        var skips = string.Join("; ", Skips.Select(s => $"{s.Value} skipped: {s.Key}"));
        return $"{FileName}: {Total} cases, {Passed} passed, {Failures.Count} failed, {Acceptable} acceptable; {skips}";
    }

    private void Record(JsonElement group, JsonElement test, Func<JsonElement, JsonElement, string?> runCase)
    {
        Total++;
        var tcId = test.GetProperty("tcId").GetInt32();
        var result = Result(test);
        if (result == "acceptable")
        {
            Acceptable++;
        }

        string? failure;
        try
        {
            failure = runCase(group, test);
        }
        catch (SkipCase skip)
        {
            Skips[skip.Message] = Skips.GetValueOrDefault(skip.Message) + 1;
            return;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            failure = $"threw {ex.GetType().Name}: {ex.Message}";
        }

        if (failure is null)
        {
            Passed++;
        }
        else
        {
            Failures.Add($"tcId {tcId} ({result}): {failure}");
        }
    }
}

/// <summary>Thrown by a case whose parameters Coffer does not offer; the message is the stated reason.</summary>
internal sealed class SkipCase(string reason) : Exception(reason);
