using Coffer.Core.Accounts;
using Coffer.Core.Secrets;

namespace Coffer.Core.Storage;

/// <summary>Secrets and their versions, names unique per account; every change is a compare-and-swap on the secret's revision.</summary>
public interface ISecretStore
{
    /// <summary>Stores a new secret with its first version; false when the name is taken in the account.</summary>
    Task<bool> TryCreateAsync(Secret secret, SecretVersion version, CancellationToken cancellationToken);

    /// <summary>The secret <paramref name="name"/> of <paramref name="account"/>, or null.</summary>
    Task<Secret?> FindAsync(AccountId account, string name, CancellationToken cancellationToken);

    /// <summary>Every version of a secret, oldest first.</summary>
    Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(AccountId account, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="secret"/> (its revision becomes <paramref name="expectedRevision"/> + 1), inserts or
    /// replaces <paramref name="upserts"/> and removes <paramref name="removedVersionIds"/>, all in one transaction;
    /// false (nothing written) when the stored revision is not <paramref name="expectedRevision"/>.
    /// </summary>
    Task<bool> TrySaveAsync(
        Secret secret, long expectedRevision, IReadOnlyList<SecretVersion> upserts, IReadOnlyList<string> removedVersionIds,
        CancellationToken cancellationToken);

    /// <summary>Deletes a secret, its versions and its tags when its revision is still <paramref name="expectedRevision"/>.</summary>
    Task<bool> TryDeleteAsync(AccountId account, string name, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Every secret of the account, ordered by creation time then name.</summary>
    Task<IReadOnlyList<Secret>> ListAsync(AccountId account, CancellationToken cancellationToken);

    /// <summary>Number of secrets in the account (those in a recovery window included).</summary>
    Task<int> CountAsync(AccountId account, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> secrets of any account whose planned delete time is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Secret>> ListDueForPurgeAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
