using MathNet.Numerics.Distributions;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// Schuirmann's two one-sided tests of equivalence within ±margin: H0 "difference &lt;= -margin" and H0 "difference &gt;=
/// +margin", each a one-sided t-test on the paired or Welch statistic; the p is the larger of the two, and a p below α
/// says the difference lies within the margin (the (1 - 2α) interval lies inside it).
/// </summary>
public static class Tost
{
    public static double P(Difference d, double margin)
    {
        // No spread: the difference is what it is, inside the margin or not.
        if (d.Se == 0 || double.IsNaN(d.Df)) return Math.Abs(d.Mean) < margin ? 0 : 1;
        var lower = 1 - StudentT.CDF(0, 1, d.Df, (d.Mean + margin) / d.Se);
        var upper = StudentT.CDF(0, 1, d.Df, (d.Mean - margin) / d.Se);
        return Math.Max(lower, upper);
    }
}
