using Coffer.Core;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListAliasesByKeyId: <c>Aliases.Alias[]{AliasArn, AliasName, KeyId}</c>, TotalCount, PageNumber, PageSize.</summary>
public sealed class ListAliasesByKeyIdEndpoint(ListAliasesByKeyId handler, KmsOptions options) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListAliasesByKeyId";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var request = new ListAliasesByKeyIdRequest(keyId, parameters.OptionalInt("PageNumber"), parameters.OptionalInt("PageSize"));
        return AliasListRenderer.Render(await handler.HandleAsync(caller, request, cancellationToken), options);
    }
}
