namespace Coffer.Core.Accounts;

/// <summary>An account: the owner of keys, with a status that gates every call and its own quotas.</summary>
public sealed record Account(AccountId Id, AccountStatus Status, DateTimeOffset CreationDate, long Revision)
{
    /// <summary>The account's quota overrides (<see cref="AccountQuotas.None"/> unless the administrator set some).</summary>
    public AccountQuotas Quotas { get; init; } = AccountQuotas.None;
}
