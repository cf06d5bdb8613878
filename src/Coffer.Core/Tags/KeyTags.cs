using Coffer.Core.Accounts;
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
public sealed class KeyTags(KeyResolver resolver, ITagStore store, ISecretStore secrets, KmsOptions options, AccountLimits limits)
{
    /// <summary>Most resources one batch call names (<c>ResourceId.N</c>).</summary>
    public const int MaxResourcesPerCall = 50;

    /// <summary>Most tags or tag keys one batch call names (<c>Tag.N</c>, <c>TagKey.N</c>).</summary>
    public const int MaxTagsPerCall = 20;

    /// <summary>Checks a batch call's resource list and type (step 13).</summary>
    /// <exception cref="KmsException">InvalidParameter ResourceId (more than 50) or ResourceType (anything but <c>key</c> or <c>secret</c>).</exception>
    public static void CheckResources(IReadOnlyList<string> resourceIds, string resourceType)
    {
        if (resourceIds.Count > MaxResourcesPerCall)
        {
            throw KmsException.Invalid("ResourceId");
        }

        if (resourceType is not (TagRules.KeyResource or Secrets.SecretRules.ResourceType))
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
        var quota = (await limits.GetAsync(caller.Account, cancellationToken)).TagsPerResourceOr(options);
        if (!await store.TrySetAsync(caller.Account, TagRules.KeyResource, Ids(keys), tags, quota, cancellationToken))
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

    /// <summary>
    /// Resolves the references of a batch call to resource ids: keys as <see cref="ResolveAsync"/> does; secrets by
    /// name or secret ARN (Forbidden.ResourceNotFound), and a secret in its recovery window refuses
    /// <see cref="KeyAction.Modify"/> with Rejected.ResourceInDeleteWindow. A resource named twice counts once.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResolveResourcesAsync(
        CallContext caller, string resourceType, IReadOnlyList<string> references, KeyAction action, CancellationToken cancellationToken)
    {
        if (resourceType == TagRules.KeyResource)
        {
            return Ids(await ResolveAsync(caller, references, action, cancellationToken));
        }

        var found = new List<Secrets.Secret>();
        foreach (var reference in references)
        {
            var name = reference;
            if (reference.StartsWith("acs:", StringComparison.Ordinal)
                && (!KeyArns.TryParse(reference, options.Region, caller.Account, out var type, out name) || type != Secrets.SecretRules.ResourceType))
            {
                throw new KmsException(KmsErrorCode.ResourceNotFound);
            }

            var secret = await secrets.FindAsync(caller.Account, name, cancellationToken) ?? throw new KmsException(KmsErrorCode.ResourceNotFound);
            caller.Access?.Authorize($"acs:kms:{options.Region}:{secret.Account.Value}:secret/{secret.Name}", secret.Account, secret.Policy);
            if (!found.Exists(s => s.Name == secret.Name))
            {
                found.Add(secret);
            }
        }

        if (action == KeyAction.Modify && found.Exists(s => s.PlannedDeleteTime is not null))
        {
            throw new KmsException(KmsErrorCode.ResourceInDeleteWindow);
        }

        return found.Select(s => s.Name).ToList();
    }

    /// <summary>Adds or overwrites <paramref name="tags"/> on every resource of <paramref name="resourceType"/>, all or nothing.</summary>
    /// <exception cref="KmsException">Rejected.LimitExceeded when a resource would carry more than the quota.</exception>
    public async Task SetResourcesAsync(
        CallContext caller, string resourceType, IReadOnlyList<string> ids, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        var quota = (await limits.GetAsync(caller.Account, cancellationToken)).TagsPerResourceOr(options);
        if (!await store.TrySetAsync(caller.Account, resourceType, ids, tags, quota, cancellationToken))
        {
            throw new KmsException(KmsErrorCode.LimitExceeded);
        }
    }

    /// <summary>Removes the named tag keys (every tag when <paramref name="tagKeys"/> is null) from resources of <paramref name="resourceType"/>.</summary>
    public Task RemoveResourcesAsync(
        CallContext caller, string resourceType, IReadOnlyList<string> ids, IReadOnlyList<string>? tagKeys, CancellationToken cancellationToken) =>
        store.RemoveAsync(caller.Account, resourceType, ids, tagKeys, cancellationToken);

    /// <summary>One page of (resource, tag) rows of <paramref name="resourceType"/>, ordered by resource id then tag key.</summary>
    public Task<IReadOnlyList<(string ResourceId, Tag Tag)>> ListResourceRowsAsync(
        CallContext caller, string resourceType, IReadOnlyList<string>? ids, int offset, int limit, CancellationToken cancellationToken) =>
        store.ListRowsAsync(caller.Account, resourceType, ids, offset, limit, cancellationToken);

    private static List<string> Ids(IReadOnlyList<KeyId> keys) => keys.Select(k => k.Value).ToList();

    private static List<string> Ids(IReadOnlyList<Key> keys) => keys.Select(k => k.Id.Value).ToList();
}
