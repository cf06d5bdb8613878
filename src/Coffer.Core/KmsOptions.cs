namespace Coffer.Core;

/// <summary>Settings Core needs. The server binds them from configuration; defaults are DECISIONS.md's.</summary>
public sealed class KmsOptions
{
    /// <summary>Region used in ARNs and answered by DescribeRegions.</summary>
    public string Region { get; set; } = "cn-hangzhou";

    /// <summary>Keys per account, PendingDeletion included.</summary>
    public int MaxKeysPerAccount { get; set; } = 100_000;

    /// <summary>Maximum Description length in characters.</summary>
    public int MaxDescriptionLength { get; set; } = 8_192;

    /// <summary>Aliases per account.</summary>
    public int MaxAliasesPerAccount { get; set; } = 100_000;

    /// <summary>Versions per key.</summary>
    public int MaxVersionsPerKey { get; set; } = 50;

    /// <summary>Tags per key or secret.</summary>
    public int MaxTagsPerResource { get; set; } = 20;

    /// <summary>Largest key or secret policy document, in bytes.</summary>
    public int MaxPolicyBytes { get; set; } = 32_768;

    /// <summary>
    /// Shortest time between a key's versions for CreateKeyVersion (Alibaba documents 7 days); zero, the default, turns
    /// the check off. Inside it CreateKeyVersion answers Rejected.UnsupportedOperation.
    /// </summary>
    public TimeSpan MinimumKeyVersionInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How often the background scheduler looks for due deletions and rotations.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many unwrapped key versions are kept in memory.</summary>
    public int MaterialCacheCapacity { get; set; } = 10_000;

    /// <summary>
    /// The cache-invalidation bound: how long a node may answer from its in-memory copy of an AccessKey, an account or a
    /// key record read from the store. A change made through this node invalidates its copy at once; one made by another
    /// node or by an admin command in another process (<c>coffer access-key disable</c>) is honoured within this bound.
    /// Zero turns the caches off (every request reads the store).
    /// </summary>
    public TimeSpan StoreCacheBound { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most records each store cache holds (AccessKeys, accounts, keys, key versions); when full it starts over.</summary>
    public int StoreCacheCapacity { get; set; } = 100_000;

    /// <summary>Maximum secrets per account (those in a recovery window included).</summary>
    public int MaxSecretsPerAccount { get; set; } = 100_000;

    /// <summary>
    /// Applies a named quota profile: <c>default</c> (Coffer's generous figures) or <c>alibaba</c> (Alibaba Cloud's own:
    /// 200 keys and 300 aliases per account).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown profile name.</exception>
    public void ApplyQuotaProfile(string profile)
    {
        switch (profile)
        {
            case "default":
                MaxKeysPerAccount = 100_000;
                MaxAliasesPerAccount = 100_000;
                break;
            case "alibaba":
                MaxKeysPerAccount = 200;
                MaxAliasesPerAccount = 300;
                break;
            default:
                throw new ArgumentException($"Unknown quota profile '{profile}' (use 'default' or 'alibaba').", nameof(profile));
        }

        MaxVersionsPerKey = 50;
        MaxTagsPerResource = 20;
        MaxDescriptionLength = 8_192;
        MaxPolicyBytes = 32_768;
    }
}
