using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Hypergrid.Findings;

/// <summary>The statistics of a report, from MathNet.Numerics (Student's t and Fisher's F), not hand-written special functions.</summary>
public static class Stats
{
    /// <summary>Mean, sample std (n-1), standard error, the 95% t confidence interval of the mean, median, min, max; spread null for n = 1.</summary>
    public static (double Mean, double? Std, double? Sem, double? Low, double? High, double Median, double Min, double Max) Describe(IReadOnlyList<double> values)
    {
        // Values near the largest double are described at a scale where their sums and squares stay finite.
        var scale = Scale(values);
        if (scale != 1)
        {
            var d = Describe(values.Select(v => v / scale).ToList());
            return (d.Mean * scale, d.Std * scale, d.Sem * scale, d.Low * scale, d.High * scale, d.Median * scale, d.Min * scale, d.Max * scale);
        }
        var x = values;
        var mean = x.Mean();
        var median = x.Median();
        if (x.Count < 2) return (mean, null, null, null, null, median, x.Min(), x.Max());
        var std = x.StandardDeviation();
        var sem = std / Math.Sqrt(x.Count);
        var half = T975(x.Count - 1) * sem;
        return (mean, std, sem, mean - half, mean + half, median, x.Min(), x.Max());
    }

    // MathNet finds a t quantile by root search: a report of thousands of groups of a few sizes asks each size's once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, double> Quantiles975 = new();

    private static double T975(int df) => df <= 10_000 ? Quantiles975.GetOrAdd(df, d => StudentT.InvCDF(0, 1, d, 0.975)) : StudentT.InvCDF(0, 1, df, 0.975);

    /// <summary>Two-sided p of the paired t-test on equal-length samples (same seeds, same order).</summary>
    public static double PairedT(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var scale = Scale([.. a, .. b]); // p does not change with the unit
        var d = a.Zip(b, (x, y) => x / scale - y / scale).ToList();
        var sd = d.StandardDeviation();
        return TwoSided(d.Mean(), sd / Math.Sqrt(d.Count), d.Count - 1);
    }

    /// <summary>Two-sided p of Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom).</summary>
    public static double WelchT(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var scale = Scale([.. a, .. b]); // p does not change with the unit
        if (scale != 1) return WelchT(a.Select(v => v / scale).ToList(), b.Select(v => v / scale).ToList());
        double va = a.Variance() / a.Count, vb = b.Variance() / b.Count;
        var df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return TwoSided(a.Mean() - b.Mean(), Math.Sqrt(va + vb), df);
    }

    // 1, or for values so large that a sum or square of them would overflow, a power of two that brings them near 1 (exact).
    private static double Scale(IReadOnlyList<double> x)
    {
        var max = x.Count == 0 ? 0 : x.Max(Math.Abs);
        return max > 1e150 && double.IsFinite(max) ? Math.ScaleB(1, Math.ILogB(max)) : 1;
    }

    /// <summary>Upper-tail p of an F statistic.</summary>
    public static double FTest(double f, double df1, double df2) => 1 - FisherSnedecor.CDF(df1, df2, f);

    // Identical samples (zero spread) make t undefined: equal means are no difference (p = 1), different ones certain (p = 0).
    private static double TwoSided(double difference, double se, double df)
    {
        if (se == 0 || double.IsNaN(df)) return difference == 0 ? 1 : 0;
        return 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(difference / se)));
    }
}
