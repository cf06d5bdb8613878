using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Tags;

namespace Coffer.Core.Operations;

/// <summary>ListResourceTags result: the resolved key and its tags, ordered by tag key.</summary>
public sealed record ListResourceTagsResult(KeyId KeyId, IReadOnlyList<Tag> Tags);

/// <summary>ListResourceTags (legacy): the tags of one key, in any state.</summary>
public sealed class ListResourceTags(KeyTags keyTags)
{
    /// <summary>Runs the action.</summary>
    /// <exception cref="KmsException">Unsupported.Alias; Forbidden.KeyNotFound.</exception>
    public async Task<ListResourceTagsResult> HandleAsync(CallContext caller, string keyId, CancellationToken cancellationToken)
    {
        var keys = await keyTags.ResolveAsync(caller, [keyId], KeyAction.Read, cancellationToken);
        return new ListResourceTagsResult(keys[0].Id, await keyTags.ListAsync(caller, keys[0].Id, cancellationToken));
    }
}
