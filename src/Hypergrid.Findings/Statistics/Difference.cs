using MathNet.Numerics.Statistics;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// A group's mean minus the reference's, with the standard error and degrees of freedom of its t statistic: paired
/// (differences per seed, n - 1) or Welch (unequal variances, Welch–Satterthwaite). <see cref="Spread"/> is the standard
/// deviation of one seed's difference (paired) or sqrt(s1² + s2²) (unpaired): what a power calculation scales by √n.
/// </summary>
public readonly record struct Difference(double Mean, double Se, double Df, double Spread, bool Paired)
{
    /// <summary>a[i] - b[i] over the same seeds (n &gt;= 2).</summary>
    public static Difference OfPaired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = new double[a.Count];
        for (var i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        var sd = d.StandardDeviation();
        return new(d.Mean(), sd / Math.Sqrt(d.Length), d.Length - 1, sd, true);
    }

    /// <summary>Each seed's difference a[i] - b[i], as far as both go (as LINQ's Zip, whose instance over doubles a fresh process compiled).</summary>
    public static double[] PerSeed(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = new double[Math.Min(a.Count, b.Count)];
        for (var i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /// <summary>mean(a) - mean(b) of unpaired samples (n &gt;= 2 each).</summary>
    public static Difference OfWelch(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double sa = a.Variance(), sb = b.Variance(), va = sa / a.Count, vb = sb / b.Count;
        var df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return new(a.Mean() - b.Mean(), Math.Sqrt(va + vb), df, Math.Sqrt(sa + sb), false);
    }
}
