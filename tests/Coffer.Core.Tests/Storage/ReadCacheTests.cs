using Coffer.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Storage;

public sealed class ReadCacheTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private int _loads;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOrLoadAsync_WithinTheBound_ReadsTheStoreOnce()
    {
        var cache = new ReadCache<string, string>(_time, Bound, 10);

        var first = await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);
        _time.Advance(Bound - TimeSpan.FromMilliseconds(1));
        var second = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v1", first);
        Assert.Equal("v1", second);
        Assert.Equal(1, _loads);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public async Task GetOrLoadAsync_BoundElapsed_ReadsTheStoreAgain()
    {
        var cache = new ReadCache<string, string>(_time, Bound, 10);
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        _time.Advance(Bound);
        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v2", value);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Invalidate_ThenGet_ReadsTheStoreAtOnce()
    {
        var cache = new ReadCache<string, string>(_time, Bound, 10);
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        cache.Invalidate("a");
        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v2", value);
    }

    [Fact]
    public async Task Invalidate_WhileALoadRuns_TheLoadedValueIsNotCached()
    {
        var cache = new ReadCache<string, string>(_time, Bound, 10);
        var reading = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = cache.GetOrLoadAsync("a", reading, static (r, _) => r.Task, Ct);

        // A local write commits and invalidates while the read above still holds the old row.
        cache.Invalidate("a");
        reading.SetResult("old");
        var raced = await racing;
        var next = await cache.GetOrLoadAsync("a", "new", LoadAsync, Ct);

        Assert.Equal("old", raced);
        Assert.Equal("new", next);
    }

    [Fact]
    public async Task GetOrLoadAsync_AbsentRecord_IsNotCached()
    {
        var cache = new ReadCache<string, string>(_time, Bound, 10);
        await cache.GetOrLoadAsync<string?>("a", null, LoadAsync, Ct);

        var value = await cache.GetOrLoadAsync("a", "created", LoadAsync, Ct);

        Assert.Equal("created", value);
    }

    [Fact]
    public async Task GetOrLoadAsync_ZeroBound_AlwaysReadsTheStore()
    {
        var cache = new ReadCache<string, string>(_time, TimeSpan.Zero, 10);
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v2", value);
        Assert.False(cache.Enabled);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task GetOrLoadAsync_CapacityReached_StartsOverWithinTheCap()
    {
        var cache = new ReadCache<int, string>(_time, Bound, 3);

        for (var i = 0; i < 10; i++)
        {
            await cache.GetOrLoadAsync(i, "v", (v, _) => Task.FromResult<string?>(v), Ct);
            Assert.InRange(cache.Count, 1, 3);
        }
    }

    [Fact]
    public async Task GetOrLoadAsync_PastTheBound_CounterConfirmedUnchanged_ServesFromMemory()
    {
        var (cache, freshness, _) = CacheWithCounter();
        await freshness.RefreshAsync(Ct);
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        _time.Advance(Bound * 0.75);
        await freshness.RefreshAsync(Ct);
        _time.Advance(Bound * 0.75);
        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v1", value);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task GetOrLoadAsync_PastTheBound_CounterMoved_ReadsTheStoreAgain()
    {
        var (cache, freshness, counter) = CacheWithCounter();
        await freshness.RefreshAsync(Ct);
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        counter.Value++;
        _time.Advance(Bound * 0.75);
        await freshness.RefreshAsync(Ct);
        _time.Advance(Bound * 0.75);
        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v2", value);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetOrLoadAsync_PastTheBound_ConfirmationAsOldAsTheBound_ReadsTheStoreAgain()
    {
        var (cache, freshness, _) = CacheWithCounter();
        await freshness.RefreshAsync(Ct);
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        // Unchanged, but not confirmed since: another node's change could be a bound old by now.
        _time.Advance(Bound);
        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v2", value);
    }

    [Fact]
    public async Task GetOrLoadAsync_LoadedBeforeAnyConfirmation_PastTheBound_ReadsTheStoreAgain()
    {
        var (cache, freshness, _) = CacheWithCounter();
        await cache.GetOrLoadAsync("a", "v1", LoadAsync, Ct);

        // The counter is confirmed only after the load began, so it says nothing about the changes before the load.
        await freshness.RefreshAsync(Ct);
        _time.Advance(Bound);
        var value = await cache.GetOrLoadAsync("a", "v2", LoadAsync, Ct);

        Assert.Equal("v2", value);
    }

    [Fact]
    public async Task Current_NoConfirmationYet_IsNullAndStartsAReadOffThePath()
    {
        var counter = new Counter { Value = 42 };
        var freshness = new StoreFreshness(counter, _time, Bound);

        Assert.Null(freshness.Current);

        // The read runs on the thread pool; the fake clock stands still, so the confirmation stays current once made.
        for (var i = 0; i < 500 && freshness.Current is null; i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(42, freshness.Current);
    }

    [Fact]
    public void Current_NoCounter_IsNull()
    {
        var freshness = new StoreFreshness(null, _time, Bound);

        Assert.Null(freshness.Current);
    }

    private (ReadCache<string, string> Cache, StoreFreshness Freshness, Counter Counter) CacheWithCounter()
    {
        var counter = new Counter { Value = 7 };
        var freshness = new StoreFreshness(counter, _time, Bound);
        return (new ReadCache<string, string>(_time, Bound, 10, freshness), freshness, counter);
    }

    private Task<string?> LoadAsync(string? value, CancellationToken cancellationToken)
    {
        _loads++;
        return Task.FromResult(value);
    }

    private sealed class Counter : IStoreChangeCounter
    {
        public long Value { get; set; }

        public Task<long> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Value);
    }
}
