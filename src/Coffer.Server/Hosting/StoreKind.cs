namespace Coffer.Server.Hosting;

/// <summary>Which store holds keys, AccessKeys and nonces.</summary>
public enum StoreKind
{
    /// <summary>The embedded SQLite database in the data folder (one node; the zero-configuration default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that any number of nodes share.</summary>
    Postgres,
}
