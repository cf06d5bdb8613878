using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>TagResources parameters: <c>ResourceId.N</c> (key IDs or ARNs), <c>ResourceType</c>, <c>Tag.N</c>.</summary>
public sealed record TagResourcesRequest(IReadOnlyList<string> ResourceIds, string ResourceType, IReadOnlyList<Tag> Tags);

/// <summary>TagResources: adds or overwrites tags on up to 50 keys or secrets, all or nothing.</summary>
public sealed class TagResources(KeyTags keyTags)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter ResourceId, ResourceType or Tag; Unsupported.Alias; Forbidden.KeyNotFound;
    /// Rejected.PendingDeletion; Rejected.LimitExceeded.
    /// </exception>
    public async Task HandleAsync(CallContext caller, TagResourcesRequest request, CancellationToken cancellationToken)
    {
        KeyTags.CheckResources(request.ResourceIds, request.ResourceType);
        KeyTags.CheckTags(request.Tags, "Tag", KeyTags.MaxTagsPerCall);
        var ids = await keyTags.ResolveResourcesAsync(caller, request.ResourceType, request.ResourceIds, KeyAction.Modify, cancellationToken);
        await keyTags.SetResourcesAsync(caller, request.ResourceType, ids, request.Tags, cancellationToken);
    }
}
