using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>SetKeyPolicy parameters; a null <see cref="PolicyName"/> means <c>default</c>.</summary>
public sealed record SetKeyPolicyRequest(string KeyId, string Policy, string? PolicyName);

/// <summary>SetKeyPolicy: stores the policy document verbatim. It is not enforced until access control exists.</summary>
public sealed class SetKeyPolicy(KeyResolver resolver, KeyUpdater updater, KmsOptions options)
{
    /// <summary>Runs the action (any key form); returns the updated key.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Policy (too large or not a JSON object); Forbidden.KeyNotFound / Forbidden.AliasNotFound;
    /// Forbidden.ResourceNotFound for a PolicyName other than <c>default</c>; Rejected.PendingDeletion.
    /// </exception>
    public async Task<Key> HandleAsync(CallContext caller, SetKeyPolicyRequest request, CancellationToken cancellationToken)
    {
        KeyPolicy.Validate(request.Policy, options);
        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        KeyPolicy.EnsureName(request.PolicyName);
        return await updater.UpdateAsync(caller, key, KeyAction.Modify, k => k with { Policy = request.Policy }, cancellationToken);
    }
}
