namespace Hypergrid.Findings.Statistics;

/// <summary>
/// SplitMix64: a seeded generator whose stream is fixed by this code alone (not by the runtime's Random), so a report's
/// resampled intervals and Monte Carlo p-values are the same on every machine and every .NET version.
/// </summary>
internal struct SplitMix(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An index in [0, n): the high word of a 64x64-bit product (Lemire), no modulo bias worth a report.</summary>
    public int Below(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);
}
