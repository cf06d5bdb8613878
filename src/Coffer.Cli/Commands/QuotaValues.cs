using Coffer.Core.Accounts;

namespace Coffer.Cli.Commands;

/// <summary>The quotas a command line gave (absent ones are left as they are).</summary>
internal sealed class QuotaValues
{
    public QuotaValue? Keys { get; set; }

    public QuotaValue? Aliases { get; set; }

    public QuotaValue? Secrets { get; set; }

    public QuotaValue? VersionsPerKey { get; set; }

    public QuotaValue? TagsPerResource { get; set; }

    public string? Error { get; set; }

    public AccountQuotas ApplyTo(AccountQuotas current) => new(
        Keys is { } k ? k.Count : current.Keys,
        Aliases is { } a ? a.Count : current.Aliases,
        Secrets is { } s ? s.Count : current.Secrets,
        VersionsPerKey is { } v ? v.Count : current.VersionsPerKey,
        TagsPerResource is { } t ? t.Count : current.TagsPerResource);
}
