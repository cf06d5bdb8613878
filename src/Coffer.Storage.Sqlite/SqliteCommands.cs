using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>Small helpers that keep the stores' SQL readable.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.Bind(parameters);
    }

    /// <summary>Replaces the parameters of <paramref name="command"/> (its prepared statement is kept).</summary>
    public static SqliteCommand Bind(this SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static SqliteCommand Command(
        this SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.Command(sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    // Every command is disposed once run: the one long-lived write connection (SqliteDatabase.WriteAsync) keeps a list
    // of its commands, and undisposed ones made each dispose scan it (18% of CreateKey's CPU before).

    /// <summary>Runs a statement and disposes <paramref name="command"/>.</summary>
    public static async Task<int> ExecuteOnceAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Runs a query for its first value and disposes <paramref name="command"/>.</summary>
    public static async Task<object?> ScalarOnceAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    public static long ToUnixMs(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
