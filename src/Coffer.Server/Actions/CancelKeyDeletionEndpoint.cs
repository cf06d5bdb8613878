using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>CancelKeyDeletion: RequestId only.</summary>
public sealed class CancelKeyDeletionEndpoint(CancelKeyDeletion handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "CancelKeyDeletion";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(caller, parameters.Required("KeyId"), cancellationToken);
        return [];
    }
}
