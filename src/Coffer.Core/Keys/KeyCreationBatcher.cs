using Coffer.Core.Storage;

namespace Coffer.Core.Keys;

/// <summary>
/// Group commit of new keys (CreateKey): one writer loop takes every key queued by concurrent requests and stores them
/// in one durable transaction through <see cref="IKeyStore.TryCreateBatchAsync"/>, which also enforces each account's
/// key limit inside that transaction; each request waits for the commit of its batch and gets its own outcome. While
/// a commit runs the next requests queue up, so batches grow with the load and a lone request waits for no timer.
/// </summary>
/// <remarks>
/// Guarantees: a key is reported created only after it and its first version are durable; a key refused for the limit
/// or failed alone leaves nothing behind; a failed commit fails every request of the batch (none is acknowledged, none
/// is stored). The limit counts the account's keys in the store, the earlier keys of the same batch included, so
/// concurrent requests cannot together exceed it (other processes writing the same store are serialised by the
/// store's transaction).
/// </remarks>
public sealed class KeyCreationBatcher : IAsyncDisposable
{
    /// <summary>Most keys stored in one transaction.</summary>
    public const int MaxBatchSize = 512;

    private readonly IKeyStore _store;
    private readonly GroupCommit<KeyCreation, KeyCreationResult> _queue;

    /// <summary>Starts the writer loop over <paramref name="store"/>.</summary>
    public KeyCreationBatcher(IKeyStore store)
    {
        _store = store;
        _queue = new GroupCommit<KeyCreation, KeyCreationResult>(MaxBatchSize, CommitAsync);
    }

    /// <summary>Number of commits made so far (for tests and the benchmark).</summary>
    public long Commits => _queue.Commits;

    /// <summary>
    /// Stores <paramref name="key"/> and its first version durably, together with the keys of concurrent calls. False
    /// when the key's account already holds <paramref name="accountKeyLimit"/> keys (nothing is stored).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The key could not be stored.</exception>
    /// <exception cref="ObjectDisposedException">The batcher has been disposed.</exception>
    public async Task<bool> TryCreateAsync(Key key, KeyVersion firstVersion, int accountKeyLimit, CancellationToken cancellationToken)
    {
        // A cancelled caller stops waiting; its key is still written with the batch (as a key committed just before a
        // client disconnects is).
        var result = await _queue.EnqueueAsync(new KeyCreation(key, firstVersion, accountKeyLimit), this, cancellationToken);
        return result.Outcome switch
        {
            KeyCreationOutcome.Created => true,
            KeyCreationOutcome.LimitExceeded => false,
            _ => throw result.Failure as StoreUnavailableException
                ?? new StoreUnavailableException("The key could not be stored.", result.Failure ?? new InvalidOperationException("no failure given")),
        };
    }

    /// <summary>Stops taking keys, commits what is queued, and ends the writer loop.</summary>
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private Task<IReadOnlyList<KeyCreationResult>> CommitAsync(List<KeyCreation> creations) =>
        _store.TryCreateBatchAsync(creations, CancellationToken.None);
}
