using System.Threading.Channels;

namespace Coffer.Core.Storage;

/// <summary>
/// Group commit, the mechanism under <see cref="Replay.NonceBatcher"/> and <see cref="Keys.KeyCreationBatcher"/>: one
/// writer loop takes every item queued by concurrent callers and hands up to <c>maxBatchSize</c> of them to one
/// commit; each caller waits for the commit of its batch and gets its own item's result. While a commit runs, the next
/// items queue up, so batches grow with the load and a lone item waits for no timer.
/// </summary>
/// <remarks>
/// A commit that throws, or answers with the wrong number of results, fails every caller of its batch (none is
/// acknowledged); the loop goes on with the next batch. A cancelled caller stops waiting; its item still goes to its
/// batch's commit.
/// </remarks>
internal sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly int _maxBatchSize;
    private readonly Func<List<TItem>, Task<IReadOnlyList<TResult>>> _commit;
    private readonly Channel<Pending> _queue =
        Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Task _writer;
    private long _commits;

    /// <summary>Starts the writer loop; <paramref name="commit"/> answers one result per item, in order.</summary>
    public GroupCommit(int maxBatchSize, Func<List<TItem>, Task<IReadOnlyList<TResult>>> commit)
    {
        _maxBatchSize = maxBatchSize;
        _commit = commit;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Number of commits that succeeded so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues <paramref name="item"/> and waits for the commit of its batch.</summary>
    /// <exception cref="ObjectDisposedException">The queue has been disposed.</exception>
    public Task<TResult> EnqueueAsync(TItem item, object owner, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), owner);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking items, commits what is queued, and ends the writer loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatchSize);
        var items = new List<TItem>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                items.Add(pending.Item);
            }

            await CommitAsync(batch, items);
            batch.Clear();
            items.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch, List<TItem> items)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await _commit(items);
            if (results.Count != items.Count)
            {
                throw new InvalidOperationException("The store answered a batch with the wrong number of results.");
            }
        }
#pragma warning disable CA1031 // Every failure must reach the waiting callers, and the loop must keep serving later ones.
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
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        // Continuations run on the thread pool, not inside the writer loop, so the next commit starts at once.
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
