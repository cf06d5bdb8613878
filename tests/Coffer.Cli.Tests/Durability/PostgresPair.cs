using Npgsql;

namespace Coffer.Cli.Tests.Durability;

/// <summary>A primary and its synchronous standby, both on loopback; disposing stops both and removes their folders.</summary>
internal sealed class PostgresPair(string primaryDirectory, int primaryPort, string standbyDirectory, int standbyPort) : IAsyncDisposable
{
    /// <summary>The primary's port.</summary>
    public int PrimaryPort { get; } = primaryPort;

    /// <summary>The standby's port.</summary>
    public int StandbyPort { get; } = standbyPort;

    /// <summary>A connection string naming both servers, for a database on them, that only ever uses the primary.</summary>
    public string MultiHost(string database) =>
        $"Host=127.0.0.1:{PrimaryPort},127.0.0.1:{StandbyPort};Username=postgres;Database={database};Target Session Attributes=primary;Host Recheck Seconds=1";

    /// <summary>A connection string to one server.</summary>
    public static string Single(int port, string database) => $"Host=127.0.0.1;Port={port};Username=postgres;Database={database}";

    /// <summary>Creates a database on the primary (the standby receives it by replication).</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Single(PrimaryPort, "postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the primary as a crash would (<c>pg_ctl stop -m immediate</c>).</summary>
    public Task KillPrimaryAsync(CancellationToken cancellationToken) => PostgresClusters.RunAsync(["kill", primaryDirectory], cancellationToken);

    /// <summary>Promotes the standby and clears its synchronous_standby_names.</summary>
    public Task PromoteStandbyAsync(CancellationToken cancellationToken) => PostgresClusters.RunAsync(["promote", standbyDirectory], cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresClusters.RunAsync(["stop", standbyDirectory], CancellationToken.None);
        await PostgresClusters.RunAsync(["stop", primaryDirectory], CancellationToken.None);
    }
}
