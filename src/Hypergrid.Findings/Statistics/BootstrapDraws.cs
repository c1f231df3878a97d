using System.Collections.Concurrent;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// The indices a seeded bootstrap draws, kept per sample size: they depend on the sizes, the resamples and the seed
/// alone, not on the values, so a report's thousands of groups of five seeds share one table instead of each drawing
/// 10,000 numbers (and their resampled means, summed in the same order, are the very same doubles).
/// </summary>
internal static class BootstrapDraws
{
    // Tables larger than this are drawn as they are used (a rare, large group gains little from a table).
    private const int MostIndices = 1 << 20;

    private static readonly ConcurrentDictionary<(int A, int B, int Resamples, ulong Seed), int[]> Known = new();

    /// <summary>
    /// Per resample, <paramref name="a"/> indices below a then <paramref name="b"/> below b, in the order
    /// <see cref="SplitMix"/> seeded with <paramref name="seed"/> draws them; null when the table would be too large.
    /// </summary>
    public static int[]? Of(int a, int b, int resamples, ulong seed)
    {
        if ((long)(a + b) * resamples > MostIndices) return null;
        // Looked up first: ConcurrentDictionary.Count takes every lock, and every group's bootstrap asks.
        if (Known.TryGetValue((a, b, resamples, seed), out var known)) return known;
        if (Known.Count > 256) Known.Clear();
        return Known.GetOrAdd((a, b, resamples, seed), k =>
        {
            var rng = new SplitMix(k.Seed);
            var table = new int[(k.A + k.B) * k.Resamples];
            var at = 0;
            for (var r = 0; r < k.Resamples; r++)
            {
                for (var i = 0; i < k.A; i++) table[at++] = rng.Below(k.A);
                for (var i = 0; i < k.B; i++) table[at++] = rng.Below(k.B);
            }
            return table;
        });
    }
}
