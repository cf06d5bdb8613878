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

    /// <summary>How many unwrapped key versions are kept in memory.</summary>
    public int MaterialCacheCapacity { get; set; } = 10_000;
}
