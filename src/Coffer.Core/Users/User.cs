using Coffer.Core.Accounts;

namespace Coffer.Core.Users;

/// <summary>
/// A user inside an account (a RAM user): its AccessKeys act as <c>acs:ram::&lt;uid&gt;:user/&lt;name&gt;</c> and may do
/// only what the policies attached to it (and key or secret policies) allow.
/// </summary>
public sealed record User(AccountId Account, string Name, DateTimeOffset CreationDate);
