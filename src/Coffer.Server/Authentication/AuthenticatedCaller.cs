using Coffer.Core.Accounts;

namespace Coffer.Server.Authentication;

/// <summary>The result of a verified signature: which AccessKey signed, for which account.</summary>
public sealed record AuthenticatedCaller(string AccessKeyId, AccountId Account);
