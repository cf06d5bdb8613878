using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Authentication;

public sealed class TimestampTests(CofferApplicationFactory factory) : IClassFixture<CofferApplicationFactory>
{
    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task Request_TimestampSixteenMinutesAway_ReturnsIllegalTimestamp(int minutes)
    {
        var client = factory.ClientFor(factory.AccessKeyId, factory.AccessKeySecret, Shifted(minutes));

        var response = await client.CallAsync("DescribeRegions");

        Expect.IllegalTimestamp(response);
    }

    [Theory]
    [InlineData(-14)]
    [InlineData(14)]
    public async Task Request_TimestampFourteenMinutesAway_Succeeds(int minutes)
    {
        var client = factory.ClientFor(factory.AccessKeyId, factory.AccessKeySecret, Shifted(minutes));

        var response = await client.CallAsync("DescribeRegions");

        Expect.Ok(response);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task V3Request_DateSixteenMinutesAway_ReturnsIllegalTimestamp(int minutes)
    {
        var client = factory.ClientFor(factory.AccessKeyId, factory.AccessKeySecret, Shifted(minutes));

        var response = await client.CallSignedV3Async("DescribeRegions");

        Expect.IllegalTimestamp(response);
    }

    [Theory]
    [InlineData("2024-01-01 00:00:00")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("2024-01-01T00:00:00+08:00")]
    [InlineData("yesterday")]
    [InlineData("1704067200")]
    public async Task Request_MalformedTimestamp_ReturnsIllegalTimestamp(string timestamp)
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p["Timestamp"] = timestamp);

        Expect.IllegalTimestamp(response);
    }

    [Fact]
    public async Task Request_NowWithOffsetInsteadOfZ_ReturnsIllegalTimestamp()
    {
        var now = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8));

        var response = await factory.Client.CallAsync(
            "DescribeRegions",
            tamper: p => p["Timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

        Expect.IllegalTimestamp(response);
    }

    [Fact]
    public async Task Request_NoTimestamp_ReturnsIllegalTimestamp()
    {
        var response = await factory.Client.CallAsync("DescribeRegions", tamper: p => p.Remove("Timestamp"));

        Expect.IllegalTimestamp(response);
    }

    [Fact]
    public async Task Request_TimestampWithMilliseconds_Succeeds()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        var response = await factory.Client.CallAsync(
            "DescribeRegions",
            tamper: p => p["Timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));

        Expect.Ok(response);
    }

    [Fact]
    public async Task V3Request_DateWithMilliseconds_Succeeds()
    {
        var request = new V3Request(factory, "DescribeRegions");
        request.Headers["x-acs-date"] = TimeProvider.System.GetUtcNow().UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.Ok(response);
    }

    [Fact]
    public async Task V3Request_NoDate_ReturnsIllegalTimestamp()
    {
        var request = new V3Request(factory, "DescribeRegions");
        request.Headers.Remove("x-acs-date");
        using var message = request.Build();

        var response = await factory.Client.SendMessageAsync(message);

        Expect.IllegalTimestamp(response);
    }

    private static FakeTimeProvider Shifted(int minutes) => new(TimeProvider.System.GetUtcNow().AddMinutes(minutes));
}
