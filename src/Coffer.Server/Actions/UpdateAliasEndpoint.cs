using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UpdateAlias: RequestId only.</summary>
public sealed class UpdateAliasEndpoint(UpdateAlias handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UpdateAlias";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var aliasName = parameters.Required("AliasName");
        var keyId = parameters.Required("KeyId");
        await handler.HandleAsync(caller, new UpdateAliasRequest(aliasName, keyId), cancellationToken);
        return [];
    }
}
