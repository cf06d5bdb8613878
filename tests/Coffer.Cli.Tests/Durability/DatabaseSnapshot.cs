using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// What a killed server left in coffer.db, read by the test itself through a read-only, unpooled connection while no
/// server runs: <c>PRAGMA integrity_check</c>, <c>PRAGMA foreign_key_check</c>, the invariants no crash may break
/// (every key has its primary version, every alias a key, every secret an ACSCurrent version), and the rows the
/// ledger is compared with. The same snapshot of a PostgreSQL database (<see cref="ReadPostgresAsync"/>) has no
/// integrity check (the server enforces foreign keys itself) and also checks that no alias names two keys.
/// </summary>
internal sealed class DatabaseSnapshot
{
    /// <summary>Key ID → (primary version, Description, rotation: empty when disabled, else the interval in seconds).</summary>
    public Dictionary<string, (string Primary, string Description, string Rotation)> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Key ID → its version IDs.</summary>
    public Dictionary<string, HashSet<string>> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>Alias name → key ID.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Secret name → (version ID → its stages).</summary>
    public Dictionary<string, Dictionary<string, string[]>> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>What <c>PRAGMA integrity_check</c> answered (<c>ok</c> when sound; PostgreSQL: not applicable).</summary>
    public string IntegrityCheck { get; private set; } = "";

    /// <summary>Broken invariants, one line each (empty when sound).</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Version IDs of one key (empty when the key is gone).</summary>
    public IReadOnlySet<string> VersionsOf(string keyId) => Versions.TryGetValue(keyId, out var set) ? set : new HashSet<string>();

    /// <summary>The version of a secret that holds ACSCurrent, or null.</summary>
    public string? CurrentOf(string secretName) =>
        Secrets.TryGetValue(secretName, out var versions) ? versions.FirstOrDefault(v => v.Value.Contains("ACSCurrent")).Key : null;

    /// <summary>Reads the database at <paramref name="path"/>; no server may have it open.</summary>
    public static async Task<DatabaseSnapshot> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        var snapshot = new DatabaseSnapshot();

        var integrity = await ColumnAsync(connection, "PRAGMA integrity_check", cancellationToken);
        snapshot.IntegrityCheck = string.Join("; ", integrity);
        foreach (var row in await RowsAsync(connection, "PRAGMA foreign_key_check", cancellationToken))
        {
            snapshot.Violations.Add($"foreign key broken: table {row[0]} rowid {row[1]} → {row[2]}");
        }

        await snapshot.ReadRowsAsync(
            connection,
            "SELECT s.name FROM secrets s WHERE (SELECT count(*) FROM secret_versions v, json_each(v.stages) j " +
            "WHERE v.account_id = s.account_id AND v.secret_name = s.name AND j.value = 'ACSCurrent') <> 1",
            cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// Reads a PostgreSQL database (a connection string to it); the servers may be running, so call it while no write
    /// is in flight.
    /// </summary>
    public static async Task<DatabaseSnapshot> ReadPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var snapshot = new DatabaseSnapshot { IntegrityCheck = "not applicable (PostgreSQL)" };
        foreach (var row in await RowsAsync(connection,
            "SELECT name, string_agg(key_id, ', ') FROM aliases GROUP BY account_id, name HAVING count(DISTINCT key_id) > 1", cancellationToken))
        {
            snapshot.Violations.Add($"alias {row[0]} points at several keys: {row[1]}");
        }

        await snapshot.ReadRowsAsync(
            connection,
            "SELECT s.name FROM secrets s WHERE (SELECT count(*) FROM secret_versions v, json_array_elements_text(v.stages::json) j " +
            "WHERE v.account_id = s.account_id AND v.secret_name = s.name AND j = 'ACSCurrent') <> 1",
            cancellationToken);
        return snapshot;
    }

    private async Task ReadRowsAsync(DbConnection connection, string secretsWithoutOneCurrent, CancellationToken cancellationToken)
    {
        foreach (var id in await ColumnAsync(connection,
            "SELECT k.id FROM keys k WHERE NOT EXISTS (SELECT 1 FROM key_versions v WHERE v.id = k.primary_version_id AND v.key_id = k.id)",
            cancellationToken))
        {
            Violations.Add($"key {id} has no row for its primary version");
        }

        foreach (var name in await ColumnAsync(connection,
            "SELECT a.name FROM aliases a WHERE NOT EXISTS (SELECT 1 FROM keys k WHERE k.id = a.key_id)", cancellationToken))
        {
            Violations.Add($"alias {name} points at a missing key");
        }

        foreach (var name in await ColumnAsync(connection, secretsWithoutOneCurrent, cancellationToken))
        {
            Violations.Add($"secret {name} has not exactly one ACSCurrent version");
        }

        foreach (var row in await RowsAsync(connection,
            "SELECT id, primary_version_id, description, automatic_rotation, rotation_interval_s FROM keys", cancellationToken))
        {
            var rotation = row[3] == "Disabled" ? "" : row[4];
            Keys[row[0]] = (row[1], row[2], rotation);
        }

        foreach (var row in await RowsAsync(connection, "SELECT key_id, id FROM key_versions", cancellationToken))
        {
            if (!Versions.TryGetValue(row[0], out var set))
            {
                Versions[row[0]] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(row[1]);
        }

        foreach (var row in await RowsAsync(connection, "SELECT name, key_id FROM aliases", cancellationToken))
        {
            Aliases[row[0]] = row[1];
        }

        foreach (var name in await ColumnAsync(connection, "SELECT name FROM secrets", cancellationToken))
        {
            Secrets[name] = new Dictionary<string, string[]>(StringComparer.Ordinal);
        }

        foreach (var row in await RowsAsync(connection, "SELECT secret_name, version_id, stages FROM secret_versions", cancellationToken))
        {
            var stages = System.Text.Json.JsonSerializer.Deserialize<string[]>(row[2]) ?? [];
            if (Secrets.TryGetValue(row[0], out var versions))
            {
                versions[row[1]] = stages;
            }
        }
    }

    private static async Task<List<string>> ColumnAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        [.. (await RowsAsync(connection, sql, cancellationToken)).Select(r => r[0])];

    private static async Task<List<string[]>> RowsAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }
}
