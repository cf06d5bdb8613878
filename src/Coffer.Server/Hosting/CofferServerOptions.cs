namespace Coffer.Server.Hosting;

/// <summary>Server settings: where to listen, where data lives, and the node name errors carry.</summary>
public sealed class CofferServerOptions
{
    /// <summary>Default listen address.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>URLs to listen on (semicolon separated).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The data folder (root key file, credentials, SQLite database).</summary>
    public string DataDirectory { get; set; } = "coffer-data";

    /// <summary>The HostId of error bodies: this node's name.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    /// <summary>SQLite database path inside the data folder.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "coffer.db");
}
