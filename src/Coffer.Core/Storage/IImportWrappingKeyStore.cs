using Coffer.Core.Accounts;
using Coffer.Core.Import;
using Coffer.Core.Keys;

namespace Coffer.Core.Storage;

/// <summary>The wrapping key pairs GetParametersForImport makes, until they expire. Every read is scoped to one account and key.</summary>
public interface IImportWrappingKeyStore
{
    /// <summary>Stores a new wrapping key (its key must exist).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be written.</exception>
    Task CreateAsync(ImportWrappingKey wrappingKey, CancellationToken cancellationToken);

    /// <summary>The wrapping key <paramref name="id"/> of <paramref name="key"/> in <paramref name="account"/>, or null.</summary>
    Task<ImportWrappingKey?> FindAsync(AccountId account, KeyId key, string id, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> wrapping keys of every account that expired at or before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
