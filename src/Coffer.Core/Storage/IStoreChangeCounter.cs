namespace Coffer.Core.Storage;

/// <summary>
/// A store-wide number that grows with every update or delete of a record the read caches hold (keys, key versions,
/// AccessKeys, accounts), in the same transaction as the change, whoever makes it: this node, another node, an admin
/// command in another process. Inserts need not move it (an absent record is never cached).
/// </summary>
/// <remarks>
/// Optional: a store that has none leaves the read caches on their bound alone (<see cref="KmsOptions.StoreCacheBound"/>).
/// </remarks>
public interface IStoreChangeCounter
{
    /// <summary>The counter's committed value.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be read.</exception>
    Task<long> ReadAsync(CancellationToken cancellationToken);
}
