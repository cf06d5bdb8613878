namespace Coffer.Server.Hosting;

/// <summary>Server settings: where to listen, where data lives, and the node name errors carry.</summary>
public sealed class CofferServerOptions
{
    /// <summary>Default listen address.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>URLs to listen on (semicolon separated).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The data folder (root key file, credentials, and with SQLite the database).</summary>
    public string DataDirectory { get; set; } = "coffer-data";

    /// <summary>The store: SQLite in the data folder (default) or PostgreSQL.</summary>
    public StoreKind Store { get; set; } = StoreKind.Sqlite;

    /// <summary>The Npgsql connection string when <see cref="Store"/> is PostgreSQL (may hold a password: never logged).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The HostId of error bodies: this node's name.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    /// <summary>Optional request-rate limits (all off by default).</summary>
    public Throttling.RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>SQLite database path inside the data folder.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "coffer.db");
}
