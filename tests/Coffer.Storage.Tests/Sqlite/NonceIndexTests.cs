using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class NonceIndexTests
{
    [Fact]
    public void RemoveExpired_ThousandsOfDigestsOverEveryShard_RemovesExactlyTheExpiredOnes()
    {
        var index = new NonceIndex();
        var digests = Enumerable.Range(0, 5_000).Select(i => Digest(i)).ToList();
        for (var i = 0; i < digests.Count; i++)
        {
            // Odd entries expire at 100, even ones at 200.
            index.Set(digests[i], i % 2 == 1 ? 100 : 200);
        }

        var removed = index.RemoveExpired(cutoffMs: 150);

        Assert.Equal(2_500, removed);
        Assert.All(digests.Where((_, i) => i % 2 == 1), d => Assert.False(index.Contains(d)));
        Assert.All(digests.Where((_, i) => i % 2 == 0), d => Assert.True(index.Contains(d)));
    }

    [Fact]
    public void RemoveExpired_InStepsOfShards_RemovesOnlyTheStepsShardsAndAllOfThemTogether()
    {
        var index = new NonceIndex();
        var digests = Enumerable.Range(0, 5_000).Select(i => Digest(i)).ToList();
        digests.ForEach(d => index.Set(d, 100));

        var first = index.RemoveExpired(cutoffMs: 150, firstShard: 0, shardCount: 16);
        var inFirstStep = digests.Where(d => (int)(d & 0xFF) < 16).ToList();
        var rest = Enumerable.Range(1, 15).Sum(step => index.RemoveExpired(cutoffMs: 150, firstShard: step * 16, shardCount: 16));

        Assert.Equal(inFirstStep.Count, first);
        Assert.Equal(5_000, first + rest);
        Assert.All(digests, d => Assert.False(index.Contains(d)));
    }

    [Fact]
    public void RemoveExpired_EntryExpiringAtTheCutoff_IsKept()
    {
        var index = new NonceIndex();
        index.Set(Digest(1), 150);

        Assert.Equal(0, index.RemoveExpired(cutoffMs: 150));
        Assert.True(index.Contains(Digest(1)));
    }

    [Fact]
    public void Set_DigestAlreadyThere_UpdatesItsExpiry()
    {
        var index = new NonceIndex();
        index.Set(Digest(7), 100);
        index.Set(Digest(7), 300);

        Assert.Equal(0, index.RemoveExpired(cutoffMs: 200));
        Assert.True(index.Contains(Digest(7)));
    }

    [Fact]
    public void Contains_DigestsSharingTheLowByte_AreDistinct()
    {
        var index = new NonceIndex();
        var first = new UInt128(1, 0x42);
        var second = new UInt128(2, 0x42);
        index.Set(first, 100);

        Assert.True(index.Contains(first));
        Assert.False(index.Contains(second));
    }

    // Spread over all 256 low-byte values, with distinct high halves.
    private static UInt128 Digest(int i) => new(unchecked((ulong)i * 0x9E3779B97F4A7C15UL), (ulong)i);
}
