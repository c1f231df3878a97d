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
    public static double Cdf(double t, double df, double delta)
    {
        // The χ_ν density: s^(ν-1) e^(-s²/2) / (2^(ν/2-1) Γ(ν/2)), in logs; its mass lies within √ν ± 12.
        var logConstant = -(df / 2 - 1) * Math.Log(2) - SpecialFunctions.GammaLn(df / 2);
        var centre = Math.Sqrt(df);
        double a = Math.Max(0, centre - 12), b = centre + 12;
        var root = Math.Sqrt(df);
        return GaussLegendreRule.Integrate(s =>
            s <= 0 ? 0 : Normal.CDF(0, 1, t * s / root - delta) * Math.Exp(logConstant + (df - 1) * Math.Log(s) - s * s / 2), a, b, 64);
    }
}
