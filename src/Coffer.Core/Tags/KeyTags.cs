using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Requests;
using Coffer.Core.Storage;

namespace Coffer.Core.Tags;

/// <summary>
/// Tags on keys, shared by the tag calls and CreateKey: keys are named by key ID or key ARN (an alias is
/// Unsupported.Alias), changes need a state the table allows for <see cref="KeyAction.Modify"/>, and no key carries
/// more than <see cref="KmsOptions.MaxTagsPerResource"/> tags.
/// </summary>
public sealed class KeyTags(KeyResolver resolver, ITagStore store, KmsOptions options)
{
    /// <summary>Most resources one batch call names (<c>ResourceId.N</c>).</summary>
    public const int MaxResourcesPerCall = 50;

    /// <summary>Most tags or tag keys one batch call names (<c>Tag.N</c>, <c>TagKey.N</c>).</summary>
    public const int MaxTagsPerCall = 20;

    /// <summary>Checks a batch call's resource list and type (step 13).</summary>
    /// <exception cref="KmsException">InvalidParameter ResourceId (more than 50) or ResourceType (anything but <c>key</c>).</exception>
    public static void CheckResources(IReadOnlyList<string> resourceIds, string resourceType)
    {
        if (resourceIds.Count > MaxResourcesPerCall)
        {
            throw KmsException.Invalid("ResourceId");
        }

        // Secrets take tags when Secrets Manager exists; until then "secret" is refused like any other type.
        if (resourceType != TagRules.KeyResource)
        {
            throw KmsException.Invalid("ResourceType");
        }
    }

    /// <summary>Checks tags to set: the rules of <see cref="TagRules"/>, and at most <paramref name="maxCount"/> of them when given.</summary>
    /// <exception cref="KmsException">InvalidParameter naming <paramref name="parameter"/>.</exception>
    public static void CheckTags(IReadOnlyList<Tag> tags, string parameter, int? maxCount)
    {
        if (tags.Count > maxCount)
        {
            throw KmsException.Invalid(parameter);
        }

        TagRules.Check(tags, parameter);
    }

    /// <summary>
    /// Resolves every reference (404s first, in order), then checks each key's state for <paramref name="action"/>.
    /// A key named twice counts once.
    /// </summary>
    /// <exception cref="KmsException">Unsupported.Alias, Forbidden.KeyNotFound, or the state table's 409.</exception>
    public async Task<IReadOnlyList<Key>> ResolveAsync(
        CallContext caller, IReadOnlyList<string> references, KeyAction action, CancellationToken cancellationToken)
    {
        var keys = new List<Key>();
        foreach (var reference in references)
        {
            var key = await resolver.ResolveKeyIdAsync(caller, reference, cancellationToken);
            if (!keys.Exists(k => k.Id == key.Id))
            {
                keys.Add(key);
            }
        }

        foreach (var key in keys)
        {
            KeyTransitions.Ensure(action, key.State);
        }

        return keys;
    }

    /// <summary>Adds or overwrites <paramref name="tags"/> on every key, all or nothing.</summary>
    /// <exception cref="KmsException">Rejected.LimitExceeded when a key would carry more than the quota.</exception>
    public async Task SetAsync(CallContext caller, IReadOnlyList<KeyId> keys, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        if (!await store.TrySetAsync(caller.Account, TagRules.KeyResource, Ids(keys), tags, options.MaxTagsPerResource, cancellationToken))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }
    }

    /// <summary>Removes the named tag keys (every tag when <paramref name="tagKeys"/> is null); absent keys are skipped.</summary>
    public Task RemoveAsync(CallContext caller, IReadOnlyList<KeyId> keys, IReadOnlyList<string>? tagKeys, CancellationToken cancellationToken) =>
        store.RemoveAsync(caller.Account, TagRules.KeyResource, Ids(keys), tagKeys, cancellationToken);

    /// <summary>The tags of one key, ordered by tag key.</summary>
    public Task<IReadOnlyList<Tag>> ListAsync(CallContext caller, KeyId key, CancellationToken cancellationToken) =>
        store.ListAsync(caller.Account, TagRules.KeyResource, key.Value, cancellationToken);

    /// <summary>One page of (key, tag) rows, of the given keys or of every key, ordered by key ID then tag key.</summary>
    public Task<IReadOnlyList<(string ResourceId, Tag Tag)>> ListRowsAsync(
        CallContext caller, IReadOnlyList<KeyId>? keys, int offset, int limit, CancellationToken cancellationToken) =>
        store.ListRowsAsync(caller.Account, TagRules.KeyResource, keys is null ? null : Ids(keys), offset, limit, cancellationToken);

    private static List<string> Ids(IReadOnlyList<KeyId> keys) => keys.Select(k => k.Value).ToList();
}
