namespace Coffer.Core.Operations;

/// <summary>DescribeRegions result: the regions this deployment serves (one, the configured region).</summary>
public sealed record DescribeRegionsResult(IReadOnlyList<string> Regions);

/// <summary>DescribeRegions: answers the configured region.</summary>
public sealed class DescribeRegions(KmsOptions options)
{
    /// <summary>Runs the action.</summary>
    public DescribeRegionsResult Handle() => new([options.Region]);
}
