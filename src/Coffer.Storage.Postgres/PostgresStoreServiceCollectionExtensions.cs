using Coffer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Storage.Postgres;

/// <summary>Registers the PostgreSQL store behind Core's storage ports.</summary>
public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>Uses <paramref name="database"/> for every storage port; the container disposes it (its pool) at shutdown.</summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, PostgresDatabase database)
    {
        services.AddSingleton(_ => database);
        services.AddSingleton<IStoreLifecycle, PostgresLifecycle>();
        services.AddSingleton<IAccountStore, PostgresAccountStore>();
        services.AddSingleton<IAccessKeyStore, PostgresAccessKeyStore>();
        services.AddSingleton<IKeyStore, PostgresKeyStore>();
        services.AddSingleton<INonceStore, PostgresNonceStore>();
        services.AddSingleton<IAliasStore, PostgresAliasStore>();
        services.AddSingleton<ITagStore, PostgresTagStore>();
        services.AddSingleton<ISecretStore, PostgresSecretStore>();
        services.AddSingleton<IImportWrappingKeyStore, PostgresImportWrappingKeyStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        return services;
    }
}
