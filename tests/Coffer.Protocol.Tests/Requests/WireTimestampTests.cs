using Coffer.Protocol.Requests;

namespace Coffer.Protocol.Tests.Requests;

public sealed class WireTimestampTests
{
    [Fact]
    public void TryParse_SecondsWithZ_ReturnsUtcTime()
    {
        var ok = WireTimestamp.TryParse("2024-01-01T00:00:00Z", out var value);

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void TryParse_MillisecondsWithZ_KeepsMilliseconds()
    {
        var ok = WireTimestamp.TryParse("2024-01-01T00:00:00.123Z", out var value);

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void TryParse_OtherDateAndTime_ReadsEveryField()
    {
        var ok = WireTimestamp.TryParse("2016-02-23T12:46:24Z", out var value);

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2016, 2, 23, 12, 46, 24, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("2024-01-01T00:00:00.123")]
    [InlineData("2024-01-01T00:00:00+08:00")]
    [InlineData("2024-01-01T00:00:00+00:00")]
    [InlineData("2024-01-01T00:00:00Z+08:00")]
    [InlineData("2024-01-01T00:00:00-0100")]
    [InlineData("2024-1-1T00:00:00Z")]
    [InlineData("2024-01-01T0:00:00Z")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01T00:00:00Zextra")]
    [InlineData("2024-01-01T00:00:00Z ")]
    [InlineData(" 2024-01-01T00:00:00Z")]
    [InlineData("x2024-01-01T00:00:00Z")]
    [InlineData("2024-01-01")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("1704067200")]
    [InlineData("")]
    public void TryParse_OtherShape_ReturnsFalse(string text)
    {
        var ok = WireTimestamp.TryParse(text, out _);

        Assert.False(ok);
    }

    [Fact]
    public void Format_UtcTime_WritesSecondsAndZ()
    {
        var value = new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero);

        var text = WireTimestamp.Format(value);

        Assert.Equal("2024-03-04T05:06:07Z", text);
    }

    [Fact]
    public void Format_NonUtcOffset_ConvertsToUtc()
    {
        var value = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));

        var text = WireTimestamp.Format(value);

        Assert.Equal("2024-01-01T00:00:00Z", text);
    }

    [Fact]
    public void Format_WithMilliseconds_DropsThem()
    {
        var value = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);

        var text = WireTimestamp.Format(value);

        Assert.Equal("2024-12-31T23:59:59Z", text);
    }

    [Fact]
    public void Format_ThenTryParse_RoundTrips()
    {
        var value = new DateTimeOffset(2031, 7, 9, 10, 11, 12, TimeSpan.Zero);

        var ok = WireTimestamp.TryParse(WireTimestamp.Format(value), out var parsed);

        Assert.True(ok);
        Assert.Equal(value, parsed);
    }
}
