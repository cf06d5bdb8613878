using Coffer.Core.Access;
using Coffer.Core.Accounts;

namespace Coffer.Core.Storage;

/// <summary>Schema and initialisation of a store.</summary>
public interface IStoreLifecycle
{
    /// <summary>Applies pending schema migrations. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The stored root-key check record, or null when the store was never initialised.</summary>
    Task<byte[]?> GetRootKeyCheckAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Initialises an empty store in one transaction: the root-key check record, the first account and its admin
    /// AccessKey. Fails without writing if the store already holds a check record.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store is already initialised.</exception>
    Task InitialiseAsync(byte[] rootKeyCheck, Account account, AccessKey adminKey, CancellationToken cancellationToken);
}
