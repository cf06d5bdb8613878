using System.Data;
using Coffer.Core.Storage;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// One PostgreSQL database reached through an Npgsql data source (its connection pool). Every failure of the provider
/// (no server, broken connection, failover in progress, a statement refused) surfaces as
/// <see cref="StoreUnavailableException"/>, so a request answers ServiceUnavailableTemporary and the next one retries
/// on a fresh connection. A multi-host connection string (<c>Host=a,b;Target Session Attributes=primary</c>) follows a
/// promoted standby.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A data source for <paramref name="connectionString"/> (an Npgsql connection string).</summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "coffer";
        }

        Description = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Hosts, port and database, for messages (never the password).</summary>
    public string Description { get; }

    /// <summary>Opens a pooled connection.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be reached.</exception>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new StoreUnavailableException("PostgreSQL database cannot be reached", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection and maps provider failures to <see cref="StoreUnavailableException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            return await work(connection);
        }
        catch (NpgsqlException e)
        {
            throw new StoreUnavailableException("PostgreSQL operation failed", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction (read committed unless <paramref name="isolation"/> says otherwise).
    /// The work commits it; a transaction it leaves open is rolled back.
    /// </summary>
    public Task<T> RunInTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            return await work(connection, transaction);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();
}
