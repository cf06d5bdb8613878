using System.Threading.Channels;
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
    private readonly Channel<Pending> _queue =
        Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Task _writer;
    private long _commits;

    /// <summary>Starts the writer loop over <paramref name="store"/>.</summary>
    public KeyCreationBatcher(IKeyStore store)
    {
        _store = store;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Number of commits made so far (for tests and the benchmark).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Stores <paramref name="key"/> and its first version durably, together with the keys of concurrent calls. False
    /// when the key's account already holds <paramref name="accountKeyLimit"/> keys (nothing is stored).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The key could not be stored.</exception>
    /// <exception cref="ObjectDisposedException">The batcher has been disposed.</exception>
    public Task<bool> TryCreateAsync(Key key, KeyVersion firstVersion, int accountKeyLimit, CancellationToken cancellationToken)
    {
        var pending = new Pending(new KeyCreation(key, firstVersion, accountKeyLimit));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        // A cancelled caller stops waiting; its key is still written with the batch (as a key committed just before a
        // client disconnects is).
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking keys, commits what is queued, and ends the writer loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatchSize);
        var creations = new List<KeyCreation>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                creations.Add(pending.Creation);
            }

            await CommitAsync(batch, creations);
            batch.Clear();
            creations.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch, List<KeyCreation> creations)
    {
        IReadOnlyList<KeyCreationResult> results;
        try
        {
            results = await _store.TryCreateBatchAsync(creations, CancellationToken.None);
            if (results.Count != creations.Count)
            {
                throw new InvalidOperationException("The key store answered a batch with the wrong number of results.");
            }
        }
#pragma warning disable CA1031 // Every failure must reach the waiting requests, and the loop must keep serving later ones.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(e);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        for (var i = 0; i < batch.Count; i++)
        {
            var result = results[i];
            switch (result.Outcome)
            {
                case KeyCreationOutcome.Created:
                    batch[i].Done.TrySetResult(true);
                    break;
                case KeyCreationOutcome.LimitExceeded:
                    batch[i].Done.TrySetResult(false);
                    break;
                default:
                    batch[i].Done.TrySetException(result.Failure as StoreUnavailableException
                        ?? new StoreUnavailableException("The key could not be stored.", result.Failure ?? new InvalidOperationException("no failure given")));
                    break;
            }
        }
    }

    private sealed class Pending(KeyCreation creation)
    {
        public KeyCreation Creation { get; } = creation;

        // Continuations run on the thread pool, not inside the writer loop, so the next commit starts at once.
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
