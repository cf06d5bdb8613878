using Coffer.Core;

namespace Coffer.Server.Tests;

/// <summary>A test server with quotas small enough to reach: 3 aliases per account, 3 tags per resource.</summary>
public sealed class SmallQuotaFactory : CofferApplicationFactory
{
    public const int Aliases = 3;

    public const int Tags = 3;

    /// <inheritdoc />
    protected override KmsOptions CreateKmsOptions() => new() { MaxAliasesPerAccount = Aliases, MaxTagsPerResource = Tags };
}
