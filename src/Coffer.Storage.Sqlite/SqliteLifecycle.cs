using Coffer.Core.Access;
using Coffer.Core.Accounts;
using Coffer.Core.Storage;

namespace Coffer.Storage.Sqlite;

/// <summary>Migrations (PRAGMA user_version) and one-transaction initialisation.</summary>
public sealed class SqliteLifecycle(SqliteDatabase database) : IStoreLifecycle
{
    private const string CheckRecordName = "root_key_check";

    /// <inheritdoc />
    /// <remarks>The main file, then the nonce log's own file (<see cref="SqliteDatabase.NonceLog"/>), each with its own migrations.</remarks>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(database, "Migrations.", cancellationToken);
        await MigrateAsync(database.NonceLog, "NonceLogMigrations.", cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetRootKeyCheckAsync(CancellationToken cancellationToken) => database.RunAsync(async connection =>
        await connection.Command("SELECT value FROM meta WHERE name = $name", ("$name", CheckRecordName))
            .ScalarOnceAsync(cancellationToken) as byte[], cancellationToken);

    /// <inheritdoc />
    public Task InitialiseAsync(byte[] rootKeyCheck, Account account, AccessKey adminKey, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            var inserted = await connection.Command(
                transaction,
                "INSERT INTO meta (name, value) VALUES ($name, $value) ON CONFLICT (name) DO NOTHING",
                ("$name", CheckRecordName),
                ("$value", rootKeyCheck)).ExecuteOnceAsync(cancellationToken);
            if (inserted != 1)
            {
                throw new InvalidOperationException("The store is already initialised.");
            }

            await SqliteAccountStore.InsertAsync(connection, transaction, account, cancellationToken);
            await SqliteAccessKeyStore.InsertAsync(connection, transaction, adminKey, cancellationToken);
            transaction.Commit();
            return 0;
        }, cancellationToken);

    private static Task<int> MigrateAsync(SqliteDatabase target, string prefix, CancellationToken cancellationToken) => target.WriteAsync(async connection =>
    {
        using var transaction = connection.BeginTransaction();
        var current = Convert.ToInt32(
            await connection.Command(transaction, "PRAGMA user_version;").ScalarOnceAsync(cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (version, sql) in Migrations(prefix).Where(m => m.Version > current))
        {
            await connection.Command(transaction, sql).ExecuteOnceAsync(cancellationToken);
            await connection.Command(transaction, $"PRAGMA user_version = {version};").ExecuteOnceAsync(cancellationToken);
        }

        transaction.Commit();
        return 0;
    }, cancellationToken);

    private static IEnumerable<(int Version, string Sql)> Migrations(string prefix)
    {
        var assembly = typeof(SqliteLifecycle).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[prefix.Length..];
            var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (version, reader.ReadToEnd());
        }
    }
}
