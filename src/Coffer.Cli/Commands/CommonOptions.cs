using System.CommandLine;

namespace Coffer.Cli.Commands;

/// <summary>Options several commands share, and the environment fallbacks DECISIONS.md names.</summary>
internal static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder (root key, credentials.json, SQLite database). Default: $COFFER_DATA or ./coffer-data",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COFFER_DATA") is { Length: > 0 } d ? d : "coffer-data",
    };

    public static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
