using Coffer.Core.Accounts;

namespace Coffer.Core.Users;

/// <summary>A named RAM policy document attached to a user, stored as given (it validated when attached).</summary>
public sealed record AttachedPolicy(AccountId Account, string UserName, string PolicyName, string Document, DateTimeOffset AttachDate);
