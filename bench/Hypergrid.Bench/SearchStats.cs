using Hypergrid.Config.Search;

namespace Hypergrid.Bench;

/// <summary>The statistics `bench search` prints: quantiles, and the rank-sum comparison of two methods' runs.</summary>
public static class SearchStats
{
    /// <summary>The q-quantile of sorted values, linearly interpolated.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var at = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(at);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Two independent samples compared by rank (Mann-Whitney U, normal approximation with ties averaged and the tie
    /// correction): <c>Closer</c> is the probability that a run of <paramref name="a"/> is below one of
    /// <paramref name="b"/> (ties half), 0.5 when neither is better; <c>P</c> the two-sided p of no difference.
    /// </summary>
    public static (double Closer, double P) RankSum(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var all = a.Select(v => (V: v, A: true)).Concat(b.Select(v => (V: v, A: false))).OrderBy(x => x.V).ToList();
        var ranks = new double[all.Count];
        var ties = 0.0;
        for (var i = 0; i < all.Count;)
        {
            var j = i;
            while (j + 1 < all.Count && all[j + 1].V == all[i].V) j++;
            for (var k = i; k <= j; k++) ranks[k] = (i + j) / 2.0 + 1;
            var t = j - i + 1.0;
            ties += t * t * t - t;
            i = j + 1;
        }
        double n = a.Count, m = b.Count, total = n + m;
        // U of b: how many pairs have b's run above a's, i.e. a closer to the optimum.
        var uA = Enumerable.Range(0, all.Count).Where(i => all[i].A).Sum(i => ranks[i]) - n * (n + 1) / 2.0;
        var closer = (n * m - uA) / (n * m);
        var sd = Math.Sqrt(n * m / 12.0 * (total + 1 - ties / (total * (total - 1))));
        var z = sd == 0 ? 0 : Math.Abs(uA - n * m / 2.0) / sd;
        return (closer, Math.Min(1, 2 * (1 - NormalDistribution.Cdf(z))));
    }
}
