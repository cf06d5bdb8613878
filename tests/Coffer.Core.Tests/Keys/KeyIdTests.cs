using Coffer.Core.Keys;

namespace Coffer.Core.Tests.Keys;

public sealed class KeyIdTests
{
    [Fact]
    public void New_KeyAndVersionIds_AreLowerCaseVersion7Guids()
    {
        foreach (var id in new[] { KeyId.New().Value, KeyVersionId.New().Value })
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        }
    }

    [Fact]
    public void New_IdsMadeInLaterMilliseconds_SortAfterEarlierOnes()
    {
        var earlier = Enumerable.Range(0, 50).Select(_ => KeyId.New().Value).ToList();
        Thread.Sleep(5);
        var later = Enumerable.Range(0, 50).Select(_ => KeyVersionId.New().Value).ToList();

        Assert.All(later, l => Assert.All(earlier, e => Assert.True(string.CompareOrdinal(e, l) < 0, $"{e} !< {l}")));
        Assert.Equal(100, earlier.Concat(later).Distinct().Count());
    }
}
