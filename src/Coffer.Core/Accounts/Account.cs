namespace Coffer.Core.Accounts;

/// <summary>An account: the owner of keys, with a status that gates every call.</summary>
public sealed record Account(AccountId Id, AccountStatus Status, DateTimeOffset CreationDate, long Revision);
