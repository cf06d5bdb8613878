using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Storage;

/// <summary>Keys and their versions. Every read is scoped to one account.</summary>
public interface IKeyStore
{
    /// <summary>Stores a new key and its first version in one transaction.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be written.</exception>
    Task CreateAsync(Key key, KeyVersion firstVersion, CancellationToken cancellationToken);

    /// <summary>The key <paramref name="id"/> of <paramref name="account"/>, or null.</summary>
    Task<Key?> FindAsync(AccountId account, KeyId id, CancellationToken cancellationToken);

    /// <summary>The version <paramref name="versionId"/> and its key, when the key belongs to <paramref name="account"/>.</summary>
    Task<(Key Key, KeyVersion Version)?> FindVersionAsync(
        AccountId account, KeyVersionId versionId, CancellationToken cancellationToken);

    /// <summary>The version <paramref name="versionId"/> of key <paramref name="id"/> (no account check; the key was resolved).</summary>
    Task<KeyVersion?> GetVersionAsync(KeyId id, KeyVersionId versionId, CancellationToken cancellationToken);

    /// <summary>One page of the account's keys, ordered by creation time then ID, and the total count.</summary>
    Task<(IReadOnlyList<Key> Items, int TotalCount)> ListAsync(
        AccountId account, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Number of keys the account holds (PendingDeletion included).</summary>
    Task<int> CountAsync(AccountId account, CancellationToken cancellationToken);
}
