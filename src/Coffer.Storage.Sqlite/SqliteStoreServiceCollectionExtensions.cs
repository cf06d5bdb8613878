using Coffer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Storage.Sqlite;

/// <summary>Registers the SQLite store behind Core's storage ports.</summary>
public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>Uses <paramref name="database"/> for every storage port.</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, SqliteDatabase database)
    {
        // Through a factory, so the container disposes it on shutdown: its write connection goes back to the pool, and
        // the pool's last close at exit checkpoints the WAL into the database file.
        services.AddSingleton(_ => database);
        services.AddSingleton<IStoreLifecycle, SqliteLifecycle>();
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IAccessKeyStore, SqliteAccessKeyStore>();
        services.AddSingleton<IKeyStore, SqliteKeyStore>();
        services.AddSingleton<INonceStore, SqliteNonceStore>();
        services.AddSingleton<IAliasStore, SqliteAliasStore>();
        services.AddSingleton<ITagStore, SqliteTagStore>();
        services.AddSingleton<ISecretStore, SqliteSecretStore>();
        services.AddSingleton<IImportWrappingKeyStore, SqliteImportWrappingKeyStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IStoreChangeCounter, SqliteChangeCounter>();
        return services;
    }
}
