using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>ListResourceTags (legacy): <c>Tags.Tag[]{KeyId, TagKey, TagValue}</c>.</summary>
public sealed class ListResourceTagsEndpoint(ListResourceTags handler) : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "ListResourceTags";

    /// <inheritdoc />
    public async Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(caller, parameters.Required("KeyId"), cancellationToken);
        var tags = result.Tags
            .Select(t => (object)new ResponseObject { { "KeyId", result.KeyId.Value }, { "TagKey", t.Key }, { "TagValue", t.Value } })
            .ToList();
        return new ResponseObject { { "Tags", new ResponseList("Tag", tags) } };
    }
}
