namespace Coffer.Server.Tests.Hosting;

/// <summary>
/// The system clock moved forward by <see cref="Advance"/>: the hosts' and clients' "now" jumps, while timers keep
/// running on real time, so Kestrel and the hosts behave as in production (a FakeTimeProvider freezes their timers).
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Moves "now" forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _offsetTicks, delta.Ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
