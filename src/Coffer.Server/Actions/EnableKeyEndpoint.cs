using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>EnableKey: RequestId only.</summary>
public sealed class EnableKeyEndpoint(EnableKey handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "EnableKey";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(caller, parameters.Required("KeyId"), cancellationToken);
        return [];
    }
}
