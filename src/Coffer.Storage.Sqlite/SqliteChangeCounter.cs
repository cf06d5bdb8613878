using Coffer.Core.Storage;

namespace Coffer.Storage.Sqlite;

/// <summary>The store's change counter: the one row of <c>store_changes</c>, kept by triggers (migration 0009).</summary>
public sealed class SqliteChangeCounter(SqliteDatabase database) : IStoreChangeCounter
{
    /// <inheritdoc />
    public Task<long> ReadAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
    {
        using var command = connection.Command("SELECT seq FROM store_changes WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }, cancellationToken);
}
