using Coffer.Core.Accounts;
using Coffer.Core.Authorization;

namespace Coffer.Server.Authentication;

/// <summary>
/// The result of a verified signature: which AccessKey signed, and the principal it belongs to (its account's
/// administrator or one of the account's users).
/// </summary>
public sealed record AuthenticatedCaller(string AccessKeyId, AccessPrincipal Principal)
{
    /// <summary>The caller's account.</summary>
    public AccountId Account => Principal.Account;
}
