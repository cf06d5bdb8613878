using Coffer.Core.Storage;

namespace Coffer.Core.Tests.Storage;

public sealed class CommitTimesTests
{
    [Fact]
    public void Bounds_DoubleFromAnEighthOfAMillisecondTo64Milliseconds()
    {
        Assert.Equal(10, CommitTimes.Bounds.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(125), CommitTimes.Bounds[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(64), CommitTimes.Bounds[^1]);
        for (var i = 1; i < CommitTimes.Bounds.Count; i++)
        {
            Assert.Equal(CommitTimes.Bounds[i - 1] * 2, CommitTimes.Bounds[i]);
        }
    }

    [Fact]
    public void Record_EachDuration_CountsInTheFirstBucketWhoseBoundHoldsIt()
    {
        var times = new CommitTimes();

        times.Record(TimeSpan.Zero);
        times.Record(TimeSpan.FromMicroseconds(125));
        times.Record(TimeSpan.FromMicroseconds(126));
        times.Record(TimeSpan.FromMilliseconds(3));
        times.Record(TimeSpan.FromMilliseconds(64));
        times.Record(TimeSpan.FromMilliseconds(64.001));
        times.Record(TimeSpan.FromSeconds(5));

        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 2], times.Read());
    }

    [Fact]
    public void Read_ReturnsACopy_LaterCommitsDoNotChangeIt()
    {
        var times = new CommitTimes();
        times.Record(TimeSpan.FromMilliseconds(1));

        var before = times.Read();
        times.Record(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, before.Sum());
        Assert.Equal(2, times.Read().Sum());
    }

    [Fact]
    public async Task Record_FromManyThreads_LosesNoCount()
    {
        var times = new CommitTimes();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                times.Record(TimeSpan.FromMicroseconds((i * 37) % 100_000));
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(80_000, times.Read().Sum());
    }
}
