namespace Hypergrid.Findings.Statistics;

/// <summary>
/// The sign-flip permutation test of paired differences (Fisher's randomization test): under no difference each seed's
/// difference is as likely negated, so the two-sided p is the share of sign assignments whose |sum| is at least the
/// observed one. Exact (all 2^n assignments, in Gray-code order: one sign changes per step) for n &lt;= <see cref="ExactUpTo"/>;
/// beyond, <c>resamples</c> seeded random assignments with p = (1 + hits) / (1 + resamples).
/// </summary>
public static class SignFlip
{
    /// <summary>The largest n enumerated exactly (65,536 assignments).</summary>
    public const int ExactUpTo = 16;

    /// <summary>The two-sided p and whether it is exact.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double P, bool Exact) Test(IReadOnlyList<double> differences, int resamples, ulong seed)
    {
        var n = differences.Count;
        var observed = Math.Abs(differences.Sum());
        // Sums reached by another order of additions differ in their last bits: equal within that is equal.
        var tolerance = 1e-9 * differences.Sum(Math.Abs);
        var threshold = observed - tolerance;
        if (n <= ExactUpTo)
        {
            var sum = differences.Sum(); // every sign +: the first assignment
            long hits = Math.Abs(sum) >= threshold ? 1 : 0;
            var signs = new bool[n]; // true: negated
            var total = 1L << n;
            for (long k = 1; k < total; k++)
            {
                var i = System.Numerics.BitOperations.TrailingZeroCount(k); // Gray code: assignment k differs from k-1 in sign i
                sum += signs[i] ? 2 * differences[i] : -2 * differences[i];
                signs[i] = !signs[i];
                if (Math.Abs(sum) >= threshold) hits++;
            }
            return ((double)hits / total, true);
        }
        var rng = new SplitMix(seed);
        long over = 0;
        for (var r = 0; r < resamples; r++)
        {
            var s = 0.0;
            for (var i = 0; i < n; i += 64)
            {
                var bits = rng.Next();
                for (var j = i; j < Math.Min(n, i + 64); j++) s += (bits >> (j - i) & 1) == 0 ? differences[j] : -differences[j];
            }
            if (Math.Abs(s) >= threshold) over++;
        }
        return ((1.0 + over) / (1.0 + resamples), false);
    }
}
