using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>UntagResource (legacy) parameters: one key (key ID or ARN) and the tag keys from the <c>TagKeys</c> JSON array.</summary>
public sealed record UntagResourceRequest(string KeyId, IReadOnlyList<string> TagKeys);

/// <summary>UntagResource (legacy): removes tags from one key; tag keys it does not carry are skipped.</summary>
public sealed class UntagResource(KeyTags keyTags)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">
    /// InvalidParameter TagKeys (empty, or a reserved or malformed key); Unsupported.Alias; Forbidden.KeyNotFound;
    /// Rejected.PendingDeletion.
    /// </exception>
    public async Task HandleAsync(CallContext caller, UntagResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.TagKeys.Count == 0)
        {
            throw KmsException.Invalid("TagKeys");
        }

        foreach (var tagKey in request.TagKeys)
        {
            TagRules.CheckKey(tagKey, "TagKeys");
        }

        var keys = await keyTags.ResolveAsync(caller, [request.KeyId], KeyAction.Modify, cancellationToken);
        await keyTags.RemoveAsync(caller, [keys[0].Id], request.TagKeys, cancellationToken);
    }
}
