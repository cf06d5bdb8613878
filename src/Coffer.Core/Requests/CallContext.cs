using Coffer.Core.Accounts;

namespace Coffer.Core.Requests;

/// <summary>Who is calling: the authenticated account and AccessKey, and the request's ID.</summary>
public sealed record CallContext(AccountId Account, string AccessKeyId, string RequestId);
