using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>TagResource (legacy) parameters: one key (key ID or ARN) and the tags from the <c>Tags</c> JSON array.</summary>
public sealed record TagResourceRequest(string KeyId, IReadOnlyList<Tag> Tags);

/// <summary>TagResource (legacy): adds or overwrites tags on one key.</summary>
public sealed class TagResource(KeyTags keyTags)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter Tags (empty or breaking the tag rules); Unsupported.Alias; Forbidden.KeyNotFound;
    /// Rejected.PendingDeletion; Rejected.LimitExceeded.
    /// </exception>
    public async Task HandleAsync(CallContext caller, TagResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.Tags.Count == 0)
        {
            throw KmsException.Invalid("Tags");
        }

        KeyTags.CheckTags(request.Tags, "Tags", maxCount: null);
        var keys = await keyTags.ResolveAsync(caller, [request.KeyId], KeyAction.Modify, cancellationToken);
        await keyTags.SetAsync(caller, [keys[0].Id], request.Tags, cancellationToken);
    }
}
