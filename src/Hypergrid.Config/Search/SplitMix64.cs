namespace Hypergrid.Config.Search;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014; the constants of Vigna's reference code): a 64-bit state advanced by
/// the golden-ratio increment and finalised by two xor-shift-multiply rounds. Written out here rather than taken from
/// System.Random, whose seeded sequence is an implementation detail of .NET: a search's proposals must be the same on
/// every machine and every .NET version, so the seed alone replays them.
/// </summary>
public struct SplitMix64(ulong state)
{
    private ulong state = state;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>A double uniform in [0, 1): the top 53 bits over 2^53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box-Muller from two uniforms; the second value is not kept, so draws stay one per call).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // in (0, 1]: the log is finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>The stream of proposal <paramref name="index"/> of a search seeded with <paramref name="seed"/>: independent of every other index, so a proposal never depends on how many came before it.</summary>
    public static SplitMix64 Stream(long seed, long index, ulong purpose = 0) =>
        new(Mix(Mix(unchecked((ulong)seed) ^ 0x5EED5EED5EED5EEDUL) + unchecked((ulong)index) * 0xD1B54A32D192ED03UL + purpose * 0x8CB92BA72F3D8DD7UL));

    /// <summary>The SplitMix64 finaliser (a bijection of 64-bit words).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
