using Coffer.Core;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListKeys: <c>Keys.Key[]{KeyId, KeyArn}</c>, TotalCount, PageNumber, PageSize.</summary>
public sealed class ListKeysEndpoint(ListKeys handler, KmsOptions options) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListKeys";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new ListKeysRequest(parameters.OptionalInt("PageNumber"), parameters.OptionalInt("PageSize"));
        parameters.NotYetSupported("Filters");
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        var keys = result.Keys
            .Select(k => (object)new ResponseObject { { "KeyId", k.Id.Value }, { "KeyArn", KeyArns.ForKey(options.Region, k.Account, k.Id) } })
            .ToList();
        return new ResponseObject
        {
            { "Keys", new ResponseList("Key", keys) },
            { "TotalCount", result.TotalCount },
            { "PageNumber", result.PageNumber },
            { "PageSize", result.PageSize },
        };
    }
}
