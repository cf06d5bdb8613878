using Coffer.Core.Accounts;
using Coffer.Core.Authorization;

namespace Coffer.Core.Requests;

/// <summary>Who is calling: the authenticated account and AccessKey, and the request's ID.</summary>
public sealed record CallContext(AccountId Account, string AccessKeyId, string RequestId)
{
    /// <summary>
    /// The resource-level authorization (step 14) every resolved key and secret goes through; null only for trusted
    /// internal callers (the scheduler, offline administration, Core tests).
    /// </summary>
    public IResourceAccess? Access { get; init; }
}
