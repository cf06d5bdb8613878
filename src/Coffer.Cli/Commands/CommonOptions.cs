using System.CommandLine;
using Coffer.Server.Hosting;

namespace Coffer.Cli.Commands;

/// <summary>Options several commands share, and the environment fallbacks DECISIONS.md names.</summary>
internal static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder (root key, credentials.json, and with SQLite the database). Default: $COFFER_DATA or ./coffer-data",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COFFER_DATA") is { Length: > 0 } d ? d : "coffer-data",
    };

    public static Option<string> Store() => new("--store")
    {
        Description = "Store: sqlite (the database in the data folder) or postgres (shared by several nodes). Default: $COFFER_STORE or sqlite",
        DefaultValueFactory = _ => Env("COFFER_STORE") ?? "sqlite",
    };

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = "PostgreSQL connection string (Npgsql format, e.g. \"Host=db1,db2;Database=coffer;Username=coffer;Password=...\"). " +
            "Default: $COFFER_POSTGRES",
        DefaultValueFactory = _ => Env("COFFER_POSTGRES"),
    };

    public static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    /// <summary>Server options for a data folder and a store; null (with a message on stderr) when the store name is unknown.</summary>
    public static CofferServerOptions? ServerOptions(string data, string store, string? postgres)
    {
        if (!CofferStore.TryParseKind(store, out var kind))
        {
            Console.Error.WriteLine($"coffer: unknown store '{store}' (use sqlite or postgres)");
            return null;
        }

        return new CofferServerOptions { DataDirectory = data, Store = kind, PostgresConnectionString = postgres };
    }
}
