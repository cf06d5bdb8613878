using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>SetKeyPolicy: RequestId only.</summary>
public sealed class SetKeyPolicyEndpoint(SetKeyPolicy handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "SetKeyPolicy";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var policy = parameters.Required("Policy");
        await handler.HandleAsync(caller, new SetKeyPolicyRequest(keyId, policy, parameters.Optional("PolicyName")), cancellationToken);
        return [];
    }
}
