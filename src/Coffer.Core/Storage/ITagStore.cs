using Coffer.Core.Accounts;
using Coffer.Core.Tags;

namespace Coffer.Core.Storage;

/// <summary>Tags of keys and secrets, keyed by account, resource type and resource id.</summary>
public interface ITagStore
{
    /// <summary>The tags of one resource, ordered by key.</summary>
    Task<IReadOnlyList<Tag>> ListAsync(AccountId account, string resourceType, string resourceId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or overwrites tags on each resource in one transaction; false (and nothing written) when any resource
    /// would then carry more than <paramref name="maxTagsPerResource"/> tags.
    /// </summary>
    Task<bool> TrySetAsync(
        AccountId account, string resourceType, IReadOnlyList<string> resourceIds, IReadOnlyList<Tag> tags, int maxTagsPerResource,
        CancellationToken cancellationToken);

    /// <summary>Removes the named tag keys (all tags when <paramref name="keys"/> is null) from each resource.</summary>
    Task RemoveAsync(
        AccountId account, string resourceType, IReadOnlyList<string> resourceIds, IReadOnlyList<string>? keys, CancellationToken cancellationToken);

    /// <summary>
    /// One page of (resource, tag) rows of a resource type, optionally restricted to some resources, ordered by
    /// resource id then tag key.
    /// </summary>
    Task<IReadOnlyList<(string ResourceId, Tag Tag)>> ListRowsAsync(
        AccountId account, string resourceType, IReadOnlyList<string>? resourceIds, int offset, int limit, CancellationToken cancellationToken);
}
