using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UpdateKeyDescription: RequestId only.</summary>
public sealed class UpdateKeyDescriptionEndpoint(UpdateKeyDescription handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UpdateKeyDescription";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var description = parameters.RequiredAllowingEmpty("Description");
        var keyId = parameters.Required("KeyId");
        await handler.HandleAsync(caller, new UpdateKeyDescriptionRequest(keyId, description), cancellationToken);
        return [];
    }
}
