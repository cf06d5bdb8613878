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
    private const int CheckpointEveryWrites = 64;
    private const long RestartFrames = 1_000;

    // The write connection's page cache (SQLite's default is 2 MB): every nonce lands on a random page of the nonce
    // table's B-tree, which holds a few million rows at a sustained load; a larger cache keeps its pages in memory.
    private const int WriterCacheKiB = 65_536;
    private const string ConnectionPragmas =
        "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA busy_timeout=30000;";

    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly bool _inMemory;
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _walSet;
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private SqliteConnection? _writer;
    private Task? _checkpointer;
    private int _writesSinceCheckpoint;
    private bool _disposed;

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
    /// As <see cref="RunAsync"/> for work that writes: waits (asynchronously) until no other write of this process
    /// runs, so writers queue in memory instead of sleeping in SQLite's busy handler, and runs on the one write
    /// connection of this database, which stays open: its page cache stays warm between writes (another pooled
    /// connection would find the pages it needs changed by the last write and read them again), and its prepared
    /// statements stay cached. A write that fails closes it; the next write opens a new one.
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
                var result = await work(_writer);
                if (_checkpointer is not null && ++_writesSinceCheckpoint >= CheckpointEveryWrites && _checkpointDue.CurrentCount == 0)
                {
                    _writesSinceCheckpoint = 0;
                    _checkpointDue.Release();
                }

                return result;
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

    /// <summary>Stops the checkpointer and closes the write connection and the keep-alive connection of an in-memory database.</summary>
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

        _stopping.Cancel();
        _checkpointer?.GetAwaiter().GetResult();
        _stopping.Dispose();
        _keepAlive?.Dispose();
    }

    // The write connection keeps a 64 MB page cache (WriterCacheKiB) and never checkpoints the WAL itself: SQLite's
    // automatic checkpoint would run inside the commit that crosses 1,000 WAL pages, copying them into the database
    // file and fsyncing it while every queued write waits. The checkpointer does it on its own connection instead,
    // after every CheckpointEveryWrites writes: a PASSIVE checkpoint beside the writes (it takes no write lock) copies
    // the bulk; once the WAL holds RestartFrames or more, a second one between two writes copies the few pages written
    // meanwhile, so the next write starts the WAL over from its beginning (a WAL that is never wholly copied at a
    // moment without a write would grow without end).
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        if (_inMemory)
        {
            return connection;
        }

        try
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-" + WriterCacheKiB + ";";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _checkpointer ??= Task.Run(CheckpointLoopAsync, CancellationToken.None);
        return connection;
    }

    private async Task CheckpointLoopAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                await _checkpointDue.WaitAsync(_stopping.Token);
                try
                {
                    connection ??= await OpenAsync(_stopping.Token);
                    if (await CheckpointAsync(connection, _stopping.Token) >= RestartFrames)
                    {
                        await _writeGate.WaitAsync(_stopping.Token);
                        try
                        {
                            await CheckpointAsync(connection, _stopping.Token);
                        }
                        finally
                        {
                            _writeGate.Release();
                        }
                    }
                }
                catch (Exception e) when (e is SqliteException or StoreUnavailableException)
                {
                    // Left for the next round: the WAL keeps every committed write until a checkpoint copies it.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    // A PASSIVE checkpoint; answers the number of pages the WAL holds.
    private static async Task<long> CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(1) : 0;
    }
}
