using System.Collections.Concurrent;
using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Authorization;

/// <summary>
/// Parsed policy documents by text, so a stored policy is parsed once however often it is evaluated (a new revision
/// with new text parses once more). Bounded: past <see cref="Capacity"/> entries the cache starts over.
/// </summary>
public sealed class PolicyCache
{
    /// <summary>Most documents kept per kind.</summary>
    public const int Capacity = 4_096;

    private static readonly PolicyDocument EmptyResource = new(PolicyKind.Resource, []);
    private static readonly PolicyDocument EmptyIdentity = new(PolicyKind.Identity, []);

    private readonly ConcurrentDictionary<string, PolicyDocument> _resource = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PolicyDocument> _identity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AccountId, PolicyDocument> _defaults = new();

    /// <summary>
    /// The key or secret policy in force: <paramref name="stored"/> parsed, or the default policy of
    /// <paramref name="owner"/> when none is stored. A stored text that does not validate (only documents written
    /// before validation existed can) counts as an empty policy: it allows and denies nothing.
    /// </summary>
    public PolicyDocument ResourcePolicy(string? stored, AccountId owner) => stored is null
        ? _defaults.GetOrAdd(owner, static account => PolicyDocument.Parse(KeyPolicy.Default(account), PolicyKind.Resource))
        : Get(_resource, stored, PolicyKind.Resource, EmptyResource);

    /// <summary>An identity policy attached to a user, parsed once; an invalid text counts as empty.</summary>
    public PolicyDocument IdentityPolicy(string text) => Get(_identity, text, PolicyKind.Identity, EmptyIdentity);

    private static PolicyDocument Get(ConcurrentDictionary<string, PolicyDocument> cache, string text, PolicyKind kind, PolicyDocument empty)
    {
        if (cache.TryGetValue(text, out var document))
        {
            return document;
        }

        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        document = PolicyDocument.TryParse(text, kind, out var parsed, out _) ? parsed : empty;
        return cache.GetOrAdd(text, document);
    }
}
