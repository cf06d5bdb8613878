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

    private Task<string?> LoadAsync(string? value, CancellationToken cancellationToken)
    {
        _loads++;
        return Task.FromResult(value);
    }
}
