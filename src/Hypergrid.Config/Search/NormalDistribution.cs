namespace Hypergrid.Config.Search;

/// <summary>The standard normal's cumulative distribution, written out so results do not depend on a math library's version.</summary>
public static class NormalDistribution
{
    /// <summary>Φ(z), from erfc.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>
    /// The complementary error function by the Chebyshev fit of Numerical Recipes (Press et al., 2nd ed., §6.2),
    /// fractional error below 1.2e-7 everywhere: ample for comparing densities.
    /// </summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
