using Hypergrid.Findings.Statistics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace Hypergrid.Findings.Tests.Statistics;

// The seeds-needed search was restructured for speed (each ν's χ densities tabulated once; the equivalence search started
// from a normal approximation; a hit stepped down by quarters): these pin the new code to the old, value for value.
public class SeedsNeededSearchTests
{
    [Fact]
    public void The_noncentral_t_cdf_from_tabulated_densities_is_the_direct_integral_to_the_last_bit()
    {
        var rng = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            // Paired (whole) and Welch-like (fractional) degrees of freedom, small and large; both tails.
            var df = i % 3 == 0 ? 1 + rng.Next(2000) : i % 3 == 1 ? 1 + rng.Next(30) : 1 + rng.NextDouble() * 60;
            var (t, delta) = ((rng.NextDouble() - 0.5) * 20, (rng.NextDouble() - 0.5) * 30);
            Assert.Equal(DirectCdf(t, df, delta), NoncentralT.Cdf(t, df, delta));
            Assert.Equal(DirectCdf(t, df, delta), NoncentralT.Cdf(t, df, delta)); // the second call, from the table
        }
    }

    [Fact]
    public void Seeds_needed_searched_from_guesses_are_the_seeds_counted_as_before()
    {
        var rng = new Random(11);
        var (cases, equivalences) = (0, 0);
        foreach (var alpha in new[] { 0.05, 0.01, 0.05 / 2000 })
            foreach (var power in new[] { 0.8, 0.9 })
                for (var i = 0; i < 40; i++)
                {
                    var spread = 0.001 + rng.NextDouble() * 0.02;
                    var mean = i % 8 == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.02;
                    double? margin = i % 4 == 3 ? null : 0.002 + rng.NextDouble() * 0.02;
                    var d = new Difference(mean, spread / 3, 8, spread, Paired: i % 2 == 0);
                    var was = Before(d, alpha, power, margin);
                    Assert.Equal(was, SeedsNeeded.Of(d, alpha, power, margin));
                    cases++;
                    if (was.Decides == "equivalent") equivalences++;
                }
        Assert.True(equivalences > 20, $"{equivalences} of {cases} cases decided by equivalence: the guess is not exercised");
    }

    [Fact]
    public void Seeds_needed_far_above_their_normal_guess_or_near_the_cap_are_the_seeds_counted_as_before()
    {
        // Few degrees of freedom (the t-test needs many more seeds than the normal guess), and answers up to the cap.
        var rng = new Random(23);
        var (cases, large) = (0, 0);
        foreach (var alpha in new[] { 0.05, 0.05 / 2000 })
            for (var i = 0; i < 60; i++)
            {
                var spread = 0.001 + rng.NextDouble() * 0.05;
                var mean = (rng.NextDouble() - 0.5) * (i % 3 == 0 ? 0.002 : 0.05);
                double? margin = i % 2 == 0 ? null : Math.Abs(mean) + 0.0005 + rng.NextDouble() * 0.01;
                var d = new Difference(mean, spread / 2, 3, spread, Paired: i % 4 < 2);
                var was = Before(d, alpha, 0.8, margin);
                Assert.Equal(was, SeedsNeeded.Of(d, alpha, 0.8, margin));
                cases++;
                if (was.Seeds is > 100) large++;
            }
        Assert.True(large > 10, $"{large} of {cases} cases need more than 100 seeds: the long bracket is not exercised");
    }

    private static double DirectCdf(double t, double df, double delta)
    {
        var logConstant = -(df / 2 - 1) * Math.Log(2) - SpecialFunctions.GammaLn(df / 2);
        var centre = Math.Sqrt(df);
        double a = Math.Max(0, centre - 12), b = centre + 12;
        var root = Math.Sqrt(df);
        return GaussLegendreRule.Integrate(s =>
            s <= 0 ? 0 : Normal.CDF(0, 1, t * s / root - delta) * Math.Exp(logConstant + (df - 1) * Math.Log(s) - s * s / 2), a, b, 64);
    }

    // SeedsNeeded.Of as it was: the equivalence search counted up from 2; a hit at the guess checked one fewer, then bisected from 1.
    private static (int? Seeds, string? Decides) Before(Difference d, double alpha, double power, double? margin)
    {
        if (!(d.Spread > 0)) return (null, null);
        var z = Normal.InvCDF(0, 1, 1 - alpha / 2) + Normal.InvCDF(0, 1, power);
        var guess = Math.Abs(d.Mean) > 0 ? (int)Math.Min(SeedsNeeded.Cap, Math.Ceiling(Math.Pow(z * d.Spread / Math.Abs(d.Mean), 2))) : 2;
        var differ = Math.Abs(d.Mean) > 0 && guess < SeedsNeeded.Cap ? Smallest(n => SeedsNeeded.DifferencePower(d, n, alpha), power, guess) : null;
        var equivalent = margin is { } m && Math.Abs(d.Mean) < m ? Smallest(n => SeedsNeeded.EquivalencePower(d, n, alpha, m), power) : null;
        if (differ is null && equivalent is null) return (null, null);
        return equivalent is null || differ is not null && differ <= equivalent ? (differ, "different") : (equivalent, "equivalent");
    }

    private static int? Smallest(Func<int, double> powerAt, double target, int guess = 2)
    {
        guess = Math.Clamp(guess, 2, SeedsNeeded.Cap);
        int lo, hi;
        if (powerAt(guess) >= target)
        {
            (lo, hi) = (guess - 1, guess);
            if (lo > 1 && powerAt(lo) >= target) (lo, hi) = (1, lo);
        }
        else
        {
            hi = guess;
            do
            {
                if (hi >= SeedsNeeded.Cap) return null;
                lo = hi;
                hi = Math.Min(SeedsNeeded.Cap, hi + Math.Max(1, hi / 4));
            } while (powerAt(hi) < target);
        }
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (powerAt(mid) >= target) hi = mid; else lo = mid;
        }
        return hi;
    }
}
