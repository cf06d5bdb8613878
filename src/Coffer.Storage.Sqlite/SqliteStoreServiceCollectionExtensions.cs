using Coffer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Storage.Sqlite;

/// <summary>Registers the SQLite store behind Core's storage ports.</summary>
public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>Uses the SQLite database at <paramref name="path"/> (or <c>:memory:NAME</c>).</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string path)
    {
        services.AddSingleton(_ => new SqliteDatabase(path));
        services.AddSingleton<IStoreLifecycle, SqliteLifecycle>();
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IAccessKeyStore, SqliteAccessKeyStore>();
        services.AddSingleton<IKeyStore, SqliteKeyStore>();
        services.AddSingleton<INonceStore, SqliteNonceStore>();
        return services;
    }
}
