namespace Coffer.Cli.Tests.Durability;

/// <summary>
/// A seeded SplitMix64 generator, so a crash run's schedule (operation choices, kill delays) is reproduced by its
/// seed. Not for keys or nonces: System.Random is banned, and this is only a schedule.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < p;

    /// <summary>A generator for a sub-schedule (one per worker and cycle), independent of how much this one is used later.</summary>
    public SeededRandom Fork() => new(NextUInt64());

    /// <summary><paramref name="bytes"/> random bytes as lowercase hex.</summary>
    public string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            buffer[i] = unchecked((byte)NextUInt64());
        }

        return Convert.ToHexStringLower(buffer);
    }
}
