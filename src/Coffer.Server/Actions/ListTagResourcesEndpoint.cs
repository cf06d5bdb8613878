using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListTagResources: NextToken and <c>TagResources.TagResource[]{ResourceId, ResourceType, TagKey, TagValue}</c>.</summary>
public sealed class ListTagResourcesEndpoint(ListTagResources handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListTagResources";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var resourceType = parameters.Required("ResourceType");
        var request = new ListTagResourcesRequest(
            parameters.List("ResourceId"), resourceType, parameters.Tags("Tag"), parameters.Optional("NextToken"));
        var result = await handler.HandleAsync(caller, request, cancellationToken);
        var rows = result.Rows
            .Select(r => (object)new ResponseObject
            {
                { "ResourceId", r.ResourceId },
                { "ResourceType", resourceType },
                { "TagKey", r.Tag.Key },
                { "TagValue", r.Tag.Value },
            })
            .ToList();
        return new ResponseObject
        {
            { "NextToken", result.NextToken },
            { "TagResources", new ResponseList("TagResource", rows) },
        };
    }
}
