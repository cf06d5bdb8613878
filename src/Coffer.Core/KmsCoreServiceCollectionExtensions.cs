using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coffer.Core;

/// <summary>Registers Core's services and operation handlers.</summary>
public static class KmsCoreServiceCollectionExtensions
{
    /// <summary>Adds the key services and one handler per action. The store and root key are registered by the host.</summary>
    public static IServiceCollection AddCofferCore(this IServiceCollection services)
    {
        services.AddSingleton<Replay.NonceBatcher>();
        services.AddSingleton<Authorization.PolicyCache>();
        services.TryAddSingleton<Authorization.IIdentityPolicySource, Authorization.NoIdentityPolicies>();
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
}
