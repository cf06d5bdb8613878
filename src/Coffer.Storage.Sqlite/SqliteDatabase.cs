using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite database with Coffer's settings: WAL, <c>synchronous=FULL</c> (an acknowledged
/// write survives a crash), foreign keys and secure delete. An in-memory database is kept alive by one connection.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly bool _inMemory;

    /// <summary>A database file at <paramref name="path"/>, or a shared in-memory one when it is <c>:memory:NAME</c>.</summary>
    public SqliteDatabase(string path)
    {
        _inMemory = path.StartsWith(":memory:", StringComparison.Ordinal);
        var builder = _inMemory
            ? new SqliteConnectionStringBuilder { DataSource = path[":memory:".Length..], Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }
            : new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        builder.DefaultTimeout = 30;
        if (!_inMemory && !File.Exists(path) && !OperatingSystem.IsWindows())
        {
            // Security: the database holds only wrapped material, but its metadata is still the owner's business.
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }

        _connectionString = builder.ToString();
        if (_inMemory)
        {
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }
    }

    /// <summary>Opens a configured connection.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be opened.</exception>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = _inMemory
                ? "PRAGMA foreign_keys=ON;"
                : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException("SQLite database cannot be opened", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh connection and maps SQLite failures to <see cref="StoreUnavailableException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            return await work(connection);
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException("SQLite operation failed", e);
        }
    }

    /// <summary>Closes the keep-alive connection of an in-memory database.</summary>
    public void Dispose() => _keepAlive?.Dispose();
}
