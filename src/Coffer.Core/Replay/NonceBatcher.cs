using Coffer.Core.Storage;

namespace Coffer.Core.Replay;

/// <summary>
/// Group commit of signature nonces: one writer loop takes every nonce queued by concurrent requests and records them
/// in one durable transaction through <see cref="INonceStore.TryRecordBatchAsync"/>; each request waits for the commit
/// of its batch before it goes on. While a commit runs, the next requests queue up, so batches grow with the load and
/// a lone request waits for no timer. Works over any store that implements the port.
/// </summary>
/// <remarks>
/// Guarantees, as DECISIONS.md asks: a request is answered only after its nonce is durable; of all requests carrying
/// one (AccessKeyId, nonce) pair, inside one batch or across batches, nodes and restarts, exactly one is told the nonce
/// is new. A failed commit fails every request of the batch (they answer ServiceUnavailableTemporary); none is
/// acknowledged. The audit issue adds each request's audit record to the same batch, written by the same transaction.
/// </remarks>
public sealed class NonceBatcher : IAsyncDisposable
{
    /// <summary>Most nonces committed in one transaction.</summary>
    public const int MaxBatchSize = 1024;

    private readonly INonceStore _store;
    private readonly GroupCommit<NonceRecord, bool> _queue;

    /// <summary>Starts the writer loop over <paramref name="store"/>.</summary>
    public NonceBatcher(INonceStore store)
    {
        _store = store;
        _queue = new GroupCommit<NonceRecord, bool>(MaxBatchSize, CommitAsync);
    }

    /// <summary>Number of commits made so far (for tests and the benchmark).</summary>
    public long Commits => _queue.Commits;

    /// <summary>How long each commit took, failed ones included (for the benchmark).</summary>
    public CommitTimes CommitTimes => _queue.CommitTimes;

    /// <summary>
    /// Records the nonce durably, together with the nonces of concurrent calls. False when it was already used.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The batch holding this nonce could not be made durable.</exception>
    /// <exception cref="ObjectDisposedException">The batcher has been disposed.</exception>
    public Task<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        // A cancelled caller stops waiting; its nonce is still written (it stays used whatever happens next).
        _queue.EnqueueAsync(new NonceRecord(accessKeyId, nonce, expiresAt), this, cancellationToken);

    /// <summary>Stops taking nonces, commits what is queued, and ends the writer loop.</summary>
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task<IReadOnlyList<bool>> CommitAsync(List<NonceRecord> batch)
    {
        // A pair repeated inside the batch goes to the store once; every later copy is a replay of the first,
        // whatever the store answers for it.
        var firstIndex = new Dictionary<(string, string), int>(batch.Count);
        var distinct = new List<NonceRecord>(batch.Count);
        var slots = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            if (firstIndex.TryAdd((record.AccessKeyId, record.Nonce), distinct.Count))
            {
                slots[i] = distinct.Count;
                distinct.Add(record);
            }
            else
            {
                slots[i] = -1;
            }
        }

        // Seam for the audit issue: the audit records of these same requests join this call, so that one commit makes
        // each request's nonce and audit record durable together.
        var recorded = await _store.TryRecordBatchAsync(distinct, CancellationToken.None);
        if (recorded.Count != distinct.Count)
        {
            throw new InvalidOperationException("The nonce store answered a batch with the wrong number of results.");
        }

        var results = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = slots[i] >= 0 && recorded[slots[i]];
        }

        return results;
    }
}
