using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GetKeyPolicy: Policy.</summary>
public sealed class GetKeyPolicyEndpoint(GetKeyPolicy handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GetKeyPolicy";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new GetKeyPolicyRequest(parameters.Required("KeyId"), parameters.Optional("PolicyName"));
        var policy = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject { { "Policy", policy } };
    }
}
