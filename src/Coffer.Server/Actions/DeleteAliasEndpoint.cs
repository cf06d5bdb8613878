using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>DeleteAlias: RequestId only.</summary>
public sealed class DeleteAliasEndpoint(DeleteAlias handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "DeleteAlias";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(caller, parameters.Required("AliasName"), cancellationToken);
        return [];
    }
}
