using System.Runtime.CompilerServices;
using Coffer.Core.Hosting;
using Coffer.Core.Storage;
using Coffer.Storage.Postgres;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Hosting;

/// <summary>
/// The store the configuration selects, opened before the host is built (the data folder is opened through its
/// lifecycle) and then handed to the container. <c>coffer serve</c> and the admin commands share it, so both reach
/// the same database. Npgsql is only loaded when PostgreSQL is selected.
/// </summary>
public sealed class CofferStore : IAsyncDisposable
{
    private readonly Action<IServiceCollection> _register;
    private Func<ValueTask>? _dispose;

    private CofferStore(IStoreLifecycle lifecycle, string description, Action<IServiceCollection> register, Func<ValueTask> dispose)
    {
        Lifecycle = lifecycle;
        Description = description;
        _register = register;
        _dispose = dispose;
    }

    /// <summary>Schema and initialisation of the selected store.</summary>
    public IStoreLifecycle Lifecycle { get; }

    /// <summary>What the store is, for the operator (never a password).</summary>
    public string Description { get; }

    /// <summary>Opens the store <paramref name="options"/> names.</summary>
    /// <exception cref="StartupException">PostgreSQL is selected without a usable connection string.</exception>
    public static CofferStore Open(CofferServerOptions options) => options.Store switch
    {
        StoreKind.Sqlite => OpenSqlite(options),
        StoreKind.Postgres => OpenPostgres(options),
        _ => throw new StartupException($"unknown store {options.Store}"),
    };

    /// <summary>Parses a store name (<c>sqlite</c>, <c>postgres</c> or <c>postgresql</c>, any case).</summary>
    public static bool TryParseKind(string? text, out StoreKind kind)
    {
        switch (text?.ToUpperInvariant())
        {
            case "SQLITE":
                kind = StoreKind.Sqlite;
                return true;
            case "POSTGRES" or "POSTGRESQL":
                kind = StoreKind.Postgres;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>Registers every storage port; from then on the container owns (and disposes) the store.</summary>
    public void AddTo(IServiceCollection services)
    {
        _register(services);
        _dispose = null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dispose?.Invoke() ?? ValueTask.CompletedTask;

    private static CofferStore OpenSqlite(CofferServerOptions options)
    {
        var database = new SqliteDatabase(options.DatabasePath);
        return new CofferStore(
            new SqliteLifecycle(database),
            $"SQLite {Path.GetFullPath(options.DatabasePath)}",
            services => services.AddSqliteStore(database),
            () =>
            {
                database.Dispose();
                return ValueTask.CompletedTask;
            });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CofferStore OpenPostgres(CofferServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            throw new StartupException("--store postgres needs a connection string: --postgres \"Host=...;Database=...\" or COFFER_POSTGRES");
        }

        PostgresDatabase database;
        try
        {
            database = new PostgresDatabase(options.PostgresConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"the PostgreSQL connection string cannot be used: {e.Message}");
        }

        return new CofferStore(
            new PostgresLifecycle(database),
            $"PostgreSQL {database.Description}",
            services => services.AddPostgresStore(database),
            database.DisposeAsync);
    }
}
