using Coffer.Core.Accounts;
using Coffer.Core.Authorization;

namespace Coffer.Server.Authentication;

/// <summary>The result of a verified signature: which AccessKey signed, for which account and principal.</summary>
public sealed record AuthenticatedCaller(string AccessKeyId, AccountId Account)
{
    /// <summary>Who the AccessKey acts as. Until users exist every AccessKey belongs to its account's administrator.</summary>
    public AccessPrincipal Principal { get; init; } = AccessPrincipal.Administrator(Account);
}
