using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DeleteKeyMaterial: RequestId only.</summary>
public sealed class DeleteKeyMaterialEndpoint(DeleteKeyMaterial handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DeleteKeyMaterial";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(caller, parameters.Required("KeyId"), cancellationToken);
        return [];
    }
}
