using System.Collections.Concurrent;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// The noncentral t distribution's CDF, which MathNet does not offer: T = (Z + δ) / (S / √ν) with S ~ χ_ν, so
/// P(T &lt;= t) = ∫ Φ(t·s/√ν − δ) f_χν(s) ds, integrated by 64-point Gauss–Legendre over the χ density's mass.
/// </summary>
public static class NoncentralT
{
    // The rule's points depend on ν alone, and so does the χ density at them: a seeds-needed search asks for the same few
    // ν thousands of times (a report of 2,000 groups), so each ν's densities are computed once and looked up in the order
    // the rule asks for them. A point that is not the one expected is computed as before: the same doubles either way.
    private static readonly ConcurrentDictionary<double, Chi> Known = new();

    private sealed record Chi(double A, double B, double LogConstant, double[] Points, double[] Density);

    public static double Cdf(double t, double df, double delta)
    {
        // Looked up first: ConcurrentDictionary.Count takes every lock, and this runs thousands of times a report.
        var chi = Known.TryGetValue(df, out var known) ? known : Known.Count < 10_000 ? Known.GetOrAdd(df, Tabulate) : Tabulate(df);
        var root = Math.Sqrt(df);
        var k = 0;
        return GaussLegendreRule.Integrate(s =>
        {
            var density = k < chi.Points.Length && chi.Points[k] == s ? chi.Density[k] : Density(s, df, chi.LogConstant);
            k++;
            return s <= 0 ? 0 : Normal.CDF(0, 1, t * s / root - delta) * density;
        }, chi.A, chi.B, 64);
    }

    // The χ_ν density: s^(ν-1) e^(-s²/2) / (2^(ν/2-1) Γ(ν/2)), in logs; its mass lies within √ν ± 12.
    private static Chi Tabulate(double df)
    {
        var logConstant = -(df / 2 - 1) * Math.Log(2) - SpecialFunctions.GammaLn(df / 2);
        var centre = Math.Sqrt(df);
        double a = Math.Max(0, centre - 12), b = centre + 12;
        var (points, density) = (new List<double>(64), new List<double>(64));
        GaussLegendreRule.Integrate(s =>
        {
            points.Add(s);
            density.Add(s <= 0 ? 0 : Density(s, df, logConstant));
            return 0;
        }, a, b, 64);
        return new Chi(a, b, logConstant, [.. points], [.. density]);
    }

    private static double Density(double s, double df, double logConstant) => Math.Exp(logConstant + (df - 1) * Math.Log(s) - s * s / 2);
}
