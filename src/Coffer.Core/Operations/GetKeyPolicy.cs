using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;

namespace Coffer.Core.Operations;

/// <summary>GetKeyPolicy parameters; a null <see cref="PolicyName"/> means <c>default</c>.</summary>
public sealed record GetKeyPolicyRequest(string KeyId, string? PolicyName);

/// <summary>GetKeyPolicy: the stored policy verbatim, or the default one; any key state, any key form.</summary>
public sealed class GetKeyPolicy(KeyResolver resolver)
{
    /// <summary>Runs the action; returns the policy document.</summary>
    /// <exception cref="KmsException">Forbidden.KeyNotFound / Forbidden.AliasNotFound; Forbidden.ResourceNotFound for a PolicyName other than <c>default</c>.</exception>
    public async Task<string> HandleAsync(CallContext caller, GetKeyPolicyRequest request, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveAsync(caller, request.KeyId, cancellationToken);
        KeyPolicy.EnsureName(request.PolicyName);
        KeyTransitions.Ensure(KeyAction.Read, key.State);
        return KeyPolicy.Effective(key);
    }
}
