using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListKeyVersions: <c>KeyVersions.KeyVersion[]</c>, TotalCount, PageNumber, PageSize.</summary>
public sealed class ListKeyVersionsEndpoint(ListKeyVersions handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListKeyVersions";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var keyId = parameters.Required("KeyId");
        var request = new ListKeyVersionsRequest(keyId, parameters.OptionalInt("PageNumber"), parameters.OptionalInt("PageSize"));
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        return new ResponseObject
        {
            { "KeyVersions", new ResponseList("KeyVersion", [.. result.Versions.Select(v => (object)KeyVersionRenderer.Render(v))]) },
            { "TotalCount", result.TotalCount },
            { "PageNumber", result.PageNumber },
            { "PageSize", result.PageSize },
        };
    }
}
