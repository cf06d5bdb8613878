namespace Coffer.Core.Storage;

/// <summary>
/// Lets the read caches keep a record past <see cref="KmsOptions.StoreCacheBound"/> while nothing cached changed
/// anywhere: the store's change counter (<see cref="IStoreChangeCounter"/>), read at most every half bound, confirms
/// that no update or delete committed since a record was read.
/// </summary>
/// <remarks>
/// <para>
/// A confirmation is (value, time the read of the value started). A record whose load began after a confirmation of
/// value V was taken is current as long as the counter still reads V; a later confirmation of V, taken at time T, makes
/// it current as of T, so it may be served until T + bound. A change of another node or process is therefore still
/// seen within the bound, as before; only the re-reads of unchanged records go away (on a hot set of 1,000 keys at
/// 5,000 requests/s, each key was read again every second).
/// </para>
/// <para>
/// The counter is read off the request path (on the thread pool), when a cache asks for the confirmation and it is
/// older than half the bound. A failed read leaves the last confirmation to age out: the caches fall back to the bound.
/// </para>
/// </remarks>
internal sealed class StoreFreshness(IStoreChangeCounter? counter, TimeProvider time, TimeSpan bound)
{
    private Confirmation? _confirmed;
    private int _refreshing;

    /// <summary>
    /// The counter's value as confirmed within the last bound, or null when there is no such confirmation (no counter,
    /// none read yet, or the last read is too old). Starts a new read when the confirmation is older than half the bound.
    /// </summary>
    public long? Current
    {
        get
        {
            if (counter is null || bound <= TimeSpan.Zero)
            {
                return null;
            }

            var confirmed = Volatile.Read(ref _confirmed);
            var age = confirmed is null ? TimeSpan.MaxValue : time.GetElapsedTime(confirmed.StartedAt);
            if (age >= bound / 2 && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
            {
                _ = Task.Run(RefreshInBackgroundAsync);
            }

            return age < bound ? confirmed!.Value : null;
        }
    }

    /// <summary>Reads the counter now and keeps the result as the confirmation (unless a newer one arrived meanwhile).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be read.</exception>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (counter is null)
        {
            return;
        }

        var startedAt = time.GetTimestamp();
        var value = await counter.ReadAsync(cancellationToken);
        var fresh = new Confirmation(value, startedAt);
        var seen = Volatile.Read(ref _confirmed);
        while (seen is null || seen.StartedAt < startedAt)
        {
            var previous = Interlocked.CompareExchange(ref _confirmed, fresh, seen);
            if (ReferenceEquals(previous, seen))
            {
                return;
            }

            seen = previous;
        }
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // A failed read only lets the confirmation age out; the caches then use the bound alone.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private sealed record Confirmation(long Value, long StartedAt);
}
