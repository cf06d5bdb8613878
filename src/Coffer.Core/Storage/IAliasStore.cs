using Coffer.Core.Accounts;
using Coffer.Core.Aliases;
using Coffer.Core.Keys;

namespace Coffer.Core.Storage;

/// <summary>Aliases, unique per account.</summary>
public interface IAliasStore
{
    /// <summary>Stores a new alias; false when the name is taken in the account.</summary>
    Task<bool> TryCreateAsync(KeyAlias keyAlias, CancellationToken cancellationToken);

    /// <summary>The alias <paramref name="name"/> of <paramref name="account"/>, or null.</summary>
    Task<KeyAlias?> FindAsync(AccountId account, AliasName name, CancellationToken cancellationToken);

    /// <summary>Points an existing alias at <paramref name="keyId"/>; false when the alias does not exist.</summary>
    Task<bool> TryRetargetAsync(AccountId account, AliasName name, KeyId keyId, CancellationToken cancellationToken);

    /// <summary>Deletes an alias; false when it does not exist.</summary>
    Task<bool> TryDeleteAsync(AccountId account, AliasName name, CancellationToken cancellationToken);

    /// <summary>One page of the account's aliases (all keys, or one key), ordered by creation time then name, and the total.</summary>
    Task<(IReadOnlyList<KeyAlias> Items, int TotalCount)> ListAsync(
        AccountId account, KeyId? keyId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Number of aliases in the account.</summary>
    Task<int> CountAsync(AccountId account, CancellationToken cancellationToken);
}
