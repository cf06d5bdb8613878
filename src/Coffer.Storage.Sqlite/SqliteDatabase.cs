using System.Runtime.CompilerServices;
using Coffer.Core.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite database with Coffer's settings: WAL, <c>synchronous=FULL</c> (an acknowledged
/// write survives a crash), foreign keys and secure delete. An in-memory database is kept alive by one connection.
/// </summary>
/// <remarks>
/// <c>journal_mode=WAL</c> is stored in the database file, so it is set once, on the first open. The settings that
/// belong to a connection (<c>synchronous</c>, <c>foreign_keys</c>, <c>secure_delete</c>, <c>busy_timeout</c>) are set
/// once per physical connection, when the pool creates it; a pooled connection opened again keeps them, so an open
/// from the pool runs no statement. Writes of this process go through <see cref="WriteAsync"/>, which runs them one
/// at a time: SQLite has one writer lock, and a second writer of the same process would otherwise sleep in SQLite's
/// busy handler (holding a thread) instead of waiting in line. The busy timeout remains for other processes (the
/// admin commands) writing the same file.
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    // The write connection's page cache (SQLite's default is 2 MB): each new key lands on random pages of the keys' and
    // versions' indexes, which hold millions of rows in a large store; a larger cache keeps those pages in memory.
    private const int WriterCacheKiB = 65_536;

    // Prepared statements kept per SQL text by QueryAsync (each on a connection of its own); more concurrent readers of
    // one text than this prepare their own and close it after.
    private const int KeptStatementsPerQuery = 8;
    private const string ConnectionPragmas =
        "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA busy_timeout=30000;";

    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly bool _inMemory;
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];
    private readonly Lazy<SqliteDatabase>? _nonceLog;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, Stack<SqliteCommand>> _prepared = [];
    private int _walSet;
    private SqliteConnection? _writer;
    private bool _disposed;

    /// <summary>A database file at <paramref name="path"/>, or a shared in-memory one when it is <c>:memory:NAME</c>.</summary>
    public SqliteDatabase(string path)
        : this(path, withNonceLog: true)
    {
    }

    private SqliteDatabase(string path, bool withNonceLog)
    {
        if (withNonceLog)
        {
            _nonceLog = new Lazy<SqliteDatabase>(() => new SqliteDatabase(NonceLogPath(path), withNonceLog: false));
        }

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

    /// <summary>
    /// The companion database that holds the used-nonce log (<see cref="SqliteNonceStore"/>): beside the file,
    /// <c>coffer.db</c> → <c>coffer-nonces.db</c>, with its own WAL and its own write connection; opened on first use.
    /// </summary>
    /// <remarks>
    /// Nonce batches commit hundreds of times a second under load. In the main file each commit made every pooled read
    /// connection drop its whole page cache (SQLite resets a connection's cache when it finds the file changed by
    /// another connection), so a key read after a cache miss read its pages again. In a file of their own, the main
    /// file changes only when keys and other records do: Encrypt spread over 200,000 keys measured 2,241 → 2,764 req/s.
    /// </remarks>
    /// <exception cref="InvalidOperationException">This is itself a nonce log.</exception>
    public SqliteDatabase NonceLog => _nonceLog?.Value ?? throw new InvalidOperationException("A nonce log has no nonce log of its own.");

    /// <summary>Opens a configured connection.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be opened.</exception>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var handle = connection.Handle!;
            if (!_configured.TryGetValue(handle, out _))
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = _inMemory ? "PRAGMA foreign_keys=ON;" : ConnectionPragmas;
                if (!_inMemory && Volatile.Read(ref _walSet) == 0)
                {
                    pragma.CommandText = "PRAGMA journal_mode=WAL; " + pragma.CommandText;
                }

                await pragma.ExecuteNonQueryAsync(cancellationToken);
                Volatile.Write(ref _walSet, 1);
                _configured.AddOrUpdate(handle, this);
            }

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
    /// For reads; writes use <see cref="WriteAsync"/>.
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

    /// <summary>
    /// Runs the read <paramref name="sql"/> with <paramref name="parameters"/> through a statement prepared once and
    /// kept, and hands its rows to <paramref name="read"/>. For the reads on the path of every cache miss: SQLite
    /// compiles a statement afresh on every new command, and that compilation (parsing, name resolution, query planning)
    /// was most of SQLite's time when Encrypt was spread over more keys than the caches hold.
    /// </summary>
    /// <remarks>
    /// A kept statement lives on a connection of its own, opened for it and never returned to the pool, and serves one
    /// caller at a time; outside a call it holds no transaction, so it sees every commit and delays no checkpoint. A
    /// statement that fails is closed, not kept.
    /// </remarks>
    /// <exception cref="StoreUnavailableException">The database cannot be opened or the query failed.</exception>
    public async Task<T> QueryAsync<T>(
        string sql, Func<SqliteDataReader, Task<T>> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = TakePrepared(sql) ?? await PrepareAsync(sql, cancellationToken);
        var keep = false;
        try
        {
            command.Bind(parameters);
            T result;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                result = await read(reader);
            }

            keep = true;
            return result;
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException("SQLite operation failed", e);
        }
        finally
        {
            if (!keep || !TryKeepPrepared(sql, command))
            {
                Close(command);
            }
        }
    }

    /// <summary>Number of prepared statements kept for <paramref name="sql"/> (for tests).</summary>
    internal int KeptStatements(string sql)
    {
        lock (_prepared)
        {
            return _prepared.TryGetValue(sql, out var kept) ? kept.Count : 0;
        }
    }

    /// <summary>
    /// As <see cref="RunAsync"/> for work that writes: waits (asynchronously) until no other write of this process
    /// runs, so writers queue in memory instead of sleeping in SQLite's busy handler, and runs on the one write
    /// connection of this database, which stays open: its page cache stays warm between writes (another pooled
    /// connection would find the pages it needs changed by the last write and read them again). A write that fails
    /// closes it; the next write opens a new one.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The database has been disposed.</exception>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _writer ??= await OpenWriterAsync(cancellationToken);
                return await work(_writer);
            }
            catch (SqliteException e)
            {
                CloseWriter();
                throw new StoreUnavailableException("SQLite operation failed", e);
            }
            catch
            {
                CloseWriter();
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes the write connection, the keep-alive connection of an in-memory database, and the nonce log.</summary>
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            _disposed = true;
            CloseWriter();
        }
        finally
        {
            _writeGate.Release();
        }

        lock (_prepared)
        {
            foreach (var command in _prepared.Values.SelectMany(kept => kept))
            {
                Close(command);
            }

            _prepared.Clear();
        }

        _keepAlive?.Dispose();
        if (_nonceLog is { IsValueCreated: true })
        {
            _nonceLog.Value.Dispose();
        }
    }

    private SqliteCommand? TakePrepared(string sql)
    {
        lock (_prepared)
        {
            return _prepared.TryGetValue(sql, out var kept) && kept.TryPop(out var command) ? command : null;
        }
    }

    // False when the database is disposed or enough statements of this text are kept already: the caller closes it.
    private bool TryKeepPrepared(string sql, SqliteCommand command)
    {
        lock (_prepared)
        {
            if (_disposed)
            {
                return false;
            }

            if (!_prepared.TryGetValue(sql, out var kept))
            {
                _prepared[sql] = kept = new Stack<SqliteCommand>();
            }

            if (kept.Count >= KeptStatementsPerQuery)
            {
                return false;
            }

            kept.Push(command);
            return true;
        }
    }

    // A kept statement's connection is its own: both go together.
    private static void Close(SqliteCommand command)
    {
        var connection = command.Connection;
        command.Dispose();
        connection?.Dispose();
    }

    private async Task<SqliteCommand> PrepareAsync(string sql, CancellationToken cancellationToken) =>
        (await OpenAsync(cancellationToken)).Command(sql);

    private static string NonceLogPath(string path) =>
        path.StartsWith(":memory:", StringComparison.Ordinal)
            ? path + "-nonces"
            : Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, Path.GetFileNameWithoutExtension(path) + "-nonces" + Path.GetExtension(path));

    // The write connection keeps a larger page cache (WriterCacheKiB). It checkpoints the WAL itself, as SQLite does by
    // default (every 1,000 pages, inside the commit that crosses them): a checkpointer on a connection of its own was
    // tried and measured slower on this disk (its fsyncs of the database file ran beside the commits' fsyncs of the WAL:
    // Encrypt 507 vs 1,059 req/s at one connection, 2,646 vs 3,819 at 32).
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size=-" + WriterCacheKiB + ";";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
