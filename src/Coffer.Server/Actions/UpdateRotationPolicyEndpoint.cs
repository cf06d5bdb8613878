using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UpdateRotationPolicy: RequestId only.</summary>
public sealed class UpdateRotationPolicyEndpoint(UpdateRotationPolicy handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UpdateRotationPolicy";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        parameters.Required("EnableAutomaticRotation");
        var keyId = parameters.Required("KeyId");
        var enable = parameters.RequiredBool("EnableAutomaticRotation");
        var request = new UpdateRotationPolicyRequest(keyId, enable, parameters.Optional("RotationInterval"));
        await handler.HandleAsync(caller, request, cancellationToken);
        return [];
    }
}
