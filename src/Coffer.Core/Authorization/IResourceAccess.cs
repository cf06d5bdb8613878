using Coffer.Core.Accounts;
using Coffer.Core.Errors;

namespace Coffer.Core.Authorization;

/// <summary>
/// The resource-level decision of step 14: Core calls it on every key or secret it resolves for a caller, with the
/// resolved ARN and the policy stored on it. A <see cref="Requests.CallContext"/> without one is a trusted internal
/// caller (the scheduler, offline administration, Core's own tests).
/// </summary>
public interface IResourceAccess
{
    /// <summary>Refuses the call unless the principal may act on the resource.</summary>
    /// <param name="resourceArn">The resolved key or secret ARN.</param>
    /// <param name="owner">The resource's account (whose default policy applies when none is stored).</param>
    /// <param name="storedPolicy">The stored key or secret policy; null for the default.</param>
    /// <param name="action">The RAM action when it is not the request's own (a secret's value is opened as <c>kms:Decrypt</c> on its key).</param>
    /// <exception cref="KmsException">Forbidden.NoPermission; its detail names the action and resource for the log.</exception>
    void Authorize(string resourceArn, AccountId owner, string? storedPolicy, string? action = null);

    /// <summary>The same request deciding as <paramref name="action"/> (BatchGetSecretValue reads each secret as <c>kms:GetSecretValue</c>).</summary>
    IResourceAccess WithAction(string action);
}
