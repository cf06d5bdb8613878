using System.Collections.Concurrent;
using Npgsql;

namespace Coffer.Testing;

/// <summary>
/// Fresh databases on the PostgreSQL cluster named by <c>COFFER_TEST_POSTGRES</c> (a connection string to a
/// maintenance database as a superuser, or a role that may CREATE DATABASE). Without it a test is skipped locally
/// and fails under CI (<c>CI=true</c>), so CI cannot pass by skipping (house rule 38).
/// </summary>
public static class PostgresTestDatabases
{
    /// <summary>The environment variable naming the test cluster.</summary>
    public const string Variable = "COFFER_TEST_POSTGRES";

    private static readonly ConcurrentQueue<string> Created = new();

    /// <summary>The maintenance connection string; skips (locally) or fails (under CI) the running test without one.</summary>
    public static string RequireConnectionString()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value)
        {
            return value;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{Variable} is not set, and under CI the PostgreSQL tests must run (.ci/test.sh starts a cluster).");
        }

        Assert.Skip($"{Variable} is not set: no PostgreSQL cluster to test against (.ci/pg-cluster.sh start makes one).");
        return "";
    }

    /// <summary>
    /// Creates an empty database and returns a connection string to it. It is dropped by <see cref="DropAllAsync"/> at
    /// the end of the run (dropping forces a checkpoint; many drops at once share one).
    /// </summary>
    public static async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var maintenance = RequireConnectionString();
        var name = "coffer_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(maintenance))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Created.Enqueue(name);
        return new NpgsqlConnectionStringBuilder(maintenance) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>Drops every database this process created (a few at a time, closing what still uses them).</summary>
    public static async Task DropAllAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } maintenance || Created.IsEmpty)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var names = new List<string>();
        while (Created.TryDequeue(out var name))
        {
            names.Add(name);
        }

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, cancellationToken) =>
        {
            await using var connection = new NpgsqlConnection(maintenance);
            await connection.OpenAsync(cancellationToken);
            // Each drop waits for a checkpoint; on a loaded machine that can outlast the default 30 s.
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }
}
