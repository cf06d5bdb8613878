namespace Coffer.Core.Accounts;

/// <summary>
/// An account's own resource quotas, stored with the account: each non-null value overrides the server-wide figure of
/// <see cref="KmsOptions"/> for that account alone. A count past its quota answers Rejected.LimitExceeded.
/// </summary>
/// <param name="Keys">Keys, PendingDeletion included (else <see cref="KmsOptions.MaxKeysPerAccount"/>).</param>
/// <param name="Aliases">Aliases (else <see cref="KmsOptions.MaxAliasesPerAccount"/>).</param>
/// <param name="Secrets">Secrets, those in a recovery window included (else <see cref="KmsOptions.MaxSecretsPerAccount"/>).</param>
/// <param name="VersionsPerKey">Versions per key (else <see cref="KmsOptions.MaxVersionsPerKey"/>).</param>
/// <param name="TagsPerResource">Tags per key or secret (else <see cref="KmsOptions.MaxTagsPerResource"/>).</param>
public sealed record AccountQuotas(
    int? Keys = null, int? Aliases = null, int? Secrets = null, int? VersionsPerKey = null, int? TagsPerResource = null)
{
    /// <summary>No override: every quota is the server's.</summary>
    public static AccountQuotas None { get; } = new();

    /// <summary>The keys quota in force.</summary>
    public int KeysOr(KmsOptions options) => Keys ?? options.MaxKeysPerAccount;

    /// <summary>The aliases quota in force.</summary>
    public int AliasesOr(KmsOptions options) => Aliases ?? options.MaxAliasesPerAccount;

    /// <summary>The secrets quota in force.</summary>
    public int SecretsOr(KmsOptions options) => Secrets ?? options.MaxSecretsPerAccount;

    /// <summary>The versions-per-key quota in force.</summary>
    public int VersionsPerKeyOr(KmsOptions options) => VersionsPerKey ?? options.MaxVersionsPerKey;

    /// <summary>The tags-per-resource quota in force.</summary>
    public int TagsPerResourceOr(KmsOptions options) => TagsPerResource ?? options.MaxTagsPerResource;
}
