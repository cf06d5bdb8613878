using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UpdateSecretRotationPolicy: managed secrets only, which Coffer cannot rotate: Rejected.UnsupportedOperation.</summary>
public sealed class UpdateSecretRotationPolicyEndpoint(SecretRotation handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UpdateSecretRotationPolicy";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        parameters.RequiredBool("EnableAutomaticRotation");
        var name = parameters.Required("SecretName");
        await handler.HandleAsync(caller, name, cancellationToken);
        return [];
    }
}
