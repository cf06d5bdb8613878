using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Core;

/// <summary>Registers Core's services and operation handlers.</summary>
public static class KmsCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the key services and one handler per action. The store and root key are registered by the host, the store
    /// before this call: its AccessKey, account and key ports are wrapped in the read caches here.
    /// </summary>
    public static IServiceCollection AddCofferCore(this IServiceCollection services)
    {
        services.AddSingleton(s => new StoreFreshness(
            s.GetService<IStoreChangeCounter>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<KmsOptions>().StoreCacheBound));
        Decorate<IAccessKeyStore>(services, (s, inner) => new CachedAccessKeyStore(inner, s.GetRequiredService<KmsOptions>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<StoreFreshness>()));
        Decorate<IAccountStore>(services, (s, inner) => new CachedAccountStore(inner, s.GetRequiredService<KmsOptions>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<StoreFreshness>()));
        Decorate<IKeyStore>(services, (s, inner) => new CachedKeyStore(inner, s.GetRequiredService<KmsOptions>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<StoreFreshness>()));
        services.AddSingleton<Replay.NonceBatcher>();
        services.AddSingleton<KeyCreationBatcher>();
        services.AddSingleton<Authorization.PolicyCache>();
        services.AddSingleton<Authorization.IIdentityPolicySource, Users.StoredIdentityPolicies>();
        services.AddSingleton<Accounts.AccountLimits>();
        services.AddSingleton<KeyResolver>();
        services.AddSingleton<KeyUpdater>();
        services.AddSingleton<KeyRotation>();
        services.AddSingleton<Background.KeyScheduler>();
        services.AddSingleton<KeyMaterialCache>();
        services.AddSingleton<SymmetricEnvelope>();
        services.AddSingleton<DescribeRegions>();
        services.AddSingleton<DescribeAccountKmsStatus>();
        services.AddSingleton<OpenKmsService>();
        services.AddSingleton<CreateKey>();
        services.AddSingleton<DescribeKey>();
        services.AddSingleton<ListKeys>();
        services.AddSingleton<Encrypt>();
        services.AddSingleton<Decrypt>();
        services.AddSingleton<GenerateDataKey>();
        services.AddSingleton<GenerateAndExportDataKey>();
        services.AddSingleton<ExportDataKey>();

        // Lifecycle, policies, versions and rotation.
        services.AddSingleton<UpdateKeyDescription>();
        services.AddSingleton<EnableKey>();
        services.AddSingleton<DisableKey>();
        services.AddSingleton<ScheduleKeyDeletion>();
        services.AddSingleton<CancelKeyDeletion>();
        services.AddSingleton<SetDeletionProtection>();
        services.AddSingleton<GetKeyPolicy>();
        services.AddSingleton<SetKeyPolicy>();
        services.AddSingleton<CreateKeyVersion>();
        services.AddSingleton<DescribeKeyVersion>();
        services.AddSingleton<ListKeyVersions>();
        services.AddSingleton<UpdateRotationPolicy>();

        // Aliases, tags and ReEncrypt.
        services.AddSingleton<Tags.KeyTags>();
        services.AddSingleton<CreateAlias>();
        services.AddSingleton<UpdateAlias>();
        services.AddSingleton<DeleteAlias>();
        services.AddSingleton<ListAliases>();
        services.AddSingleton<ListAliasesByKeyId>();
        services.AddSingleton<TagResources>();
        services.AddSingleton<UntagResources>();
        services.AddSingleton<ListTagResources>();
        services.AddSingleton<TagResource>();
        services.AddSingleton<UntagResource>();
        services.AddSingleton<ListResourceTags>();
        services.AddSingleton<ReEncrypt>();
        services.AddSingleton<Secrets.SecretVault>();
        services.AddSingleton<CreateSecret>();
        services.AddSingleton<GetSecretValue>();
        services.AddSingleton<BatchGetSecretValue>();
        services.AddSingleton<PutSecretValue>();
        services.AddSingleton<ListSecretVersionIds>();
        services.AddSingleton<UpdateSecretVersionStage>();
        services.AddSingleton<DescribeSecret>();
        services.AddSingleton<ListSecrets>();
        services.AddSingleton<UpdateSecret>();
        services.AddSingleton<DeleteSecret>();
        services.AddSingleton<RestoreSecret>();
        services.AddSingleton<GetSecretPolicy>();
        services.AddSingleton<SetSecretPolicy>();
        services.AddSingleton<SecretRotation>();

        // Key pairs and HMAC keys.
        services.AddSingleton<KeyPairAccess>();
        services.AddSingleton<MacKeyAccess>();
        services.AddSingleton<GetPublicKey>();

        // Bring your own key.
        services.AddSingleton<Import.MaterialRemover>();
        services.AddSingleton<GetParametersForImport>();
        services.AddSingleton<ImportKeyMaterial>();
        services.AddSingleton<DeleteKeyMaterial>();
        services.AddSingleton<AsymmetricSign>();
        services.AddSingleton<AsymmetricVerify>();
        services.AddSingleton<AsymmetricEncrypt>();
        services.AddSingleton<AsymmetricDecrypt>();
        services.AddSingleton<GenerateMac>();
        services.AddSingleton<VerifyMac>();
        return services;
    }

    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService));
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton(provider => decorate(provider, (TService)Create(provider, registered)));
    }

    private static object Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
