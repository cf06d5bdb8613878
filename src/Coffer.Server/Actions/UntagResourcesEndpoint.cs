using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>UntagResources (<c>ResourceId.N</c>, <c>ResourceType</c>, <c>TagKey.N</c>, <c>All</c>): RequestId only.</summary>
public sealed class UntagResourcesEndpoint(UntagResources handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "UntagResources";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var resourceIds = parameters.RequiredList("ResourceId");
        var resourceType = parameters.Required("ResourceType");
        var request = new UntagResourcesRequest(resourceIds, resourceType, parameters.List("TagKey"), parameters.OptionalBool("All") ?? false);
        await handler.HandleAsync(caller, request, cancellationToken);
        return [];
    }
}
