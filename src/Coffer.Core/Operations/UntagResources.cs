using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>
/// UntagResources parameters: <c>ResourceId.N</c> (key IDs or ARNs), <c>ResourceType</c>, <c>TagKey.N</c>, and
/// <c>All</c> (every tag, honoured only without tag keys).
/// </summary>
public sealed record UntagResourcesRequest(IReadOnlyList<string> ResourceIds, string ResourceType, IReadOnlyList<string> TagKeys, bool All);

/// <summary>UntagResources: removes tags from up to 50 keys; tag keys a key does not carry are skipped.</summary>
public sealed class UntagResources(KeyTags keyTags)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter ResourceId, ResourceType or TagKey (including reserved <c>aliyun</c>/<c>acs:</c> keys);
    /// Unsupported.Alias; Forbidden.KeyNotFound; Rejected.PendingDeletion.
    /// </exception>
    public async Task HandleAsync(CallContext caller, UntagResourcesRequest request, CancellationToken cancellationToken)
    {
        KeyTags.CheckResources(request.ResourceIds, request.ResourceType);
        if (request.TagKeys.Count > KeyTags.MaxTagsPerCall)
        {
            throw KmsException.Invalid("TagKey");
        }

        foreach (var tagKey in request.TagKeys)
        {
            TagRules.CheckKey(tagKey, "TagKey");
        }

        var ids = await keyTags.ResolveResourcesAsync(caller, request.ResourceType, request.ResourceIds, KeyAction.Modify, cancellationToken);
        if (request.TagKeys.Count > 0 || request.All)
        {
            await keyTags.RemoveResourcesAsync(caller, request.ResourceType, ids, request.TagKeys.Count > 0 ? request.TagKeys : null, cancellationToken);
        }
    }
}
