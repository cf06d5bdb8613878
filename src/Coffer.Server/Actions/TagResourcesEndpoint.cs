using Coffer.Core.Errors;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>TagResources (<c>ResourceId.N</c>, <c>ResourceType</c>, <c>Tag.N.Key</c>/<c>Tag.N.Value</c>): RequestId only.</summary>
public sealed class TagResourcesEndpoint(TagResources handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "TagResources";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var resourceIds = parameters.RequiredList("ResourceId");
        var resourceType = parameters.Required("ResourceType");
        var tags = parameters.Tags("Tag");
        if (tags.Count == 0)
        {
            throw KmsException.Missing("Tag");
        }

        await handler.HandleAsync(caller, new TagResourcesRequest(resourceIds, resourceType, tags), cancellationToken);
        return [];
    }
}
