using Hypergrid.Findings.Statistics;
using static Hypergrid.Findings.Tests.Statistics.ReferenceData;

namespace Hypergrid.Findings.Tests.Statistics;

public class SignFlipTests
{
    private static List<double> Differences(IEnumerable<double> a, IEnumerable<double> b) => a.Zip(b, (x, y) => x - y).ToList();

    [Theory]
    // scipy.stats.permutation_test((a, b), lambda p, q: np.mean(p - q), permutation_type='samples', n_resamples=np.inf)
    [InlineData(10, 0.00390625)] // the sleep data
    [InlineData(8, 0.015625)]    // its first eight patients
    public void The_exact_sign_flip_p_matches_scipys_permutation_test(int n, double expected)
    {
        var (p, exact) = SignFlip.Test(Differences(Drug1.Take(n), Drug2.Take(n)), 2000, 0);
        Assert.True(exact);
        Assert.Equal(expected, p, 12);
    }

    [Fact]
    public void Five_seeds_all_on_one_side_give_the_smallest_exact_p_two_in_thirty_two()
    {
        // scipy: 0.0625; a one-sided p (1/32) or a missing observed assignment (1/32 - ...) would fail.
        Assert.Equal(0.0625, SignFlip.Test(Differences(X, Y), 2000, 0).P, 12);
    }

    [Fact]
    public void Beyond_sixteen_seeds_a_seeded_monte_carlo_p_agrees_with_brute_force_enumeration()
    {
        // Twenty seeds: 2^20 assignments enumerated here by bit masks, independently of the Gray-code walk.
        var d = Differences(Drug1, Drug2).Concat(Differences(Drug2, Drug1.Select(v => v + 0.3))).ToList();
        var observed = Math.Abs(d.Sum());
        long hits = 0;
        for (var mask = 0; mask < 1 << 20; mask++)
        {
            var s = 0.0;
            for (var i = 0; i < 20; i++) s += (mask >> i & 1) == 1 ? -d[i] : d[i];
            if (Math.Abs(s) >= observed - 1e-9) hits++;
        }
        var truth = hits / (double)(1 << 20);
        var (p, exact) = SignFlip.Test(d, 20000, 0);
        Assert.False(exact);
        Assert.InRange(p, truth - 4 * Math.Sqrt(truth * (1 - truth) / 20000), truth + 4 * Math.Sqrt(truth * (1 - truth) / 20000) + 1.0 / 20000);
        Assert.Equal(p, SignFlip.Test(d, 20000, 0).P);
    }

    [Fact]
    public void Sixteen_seeds_are_still_enumerated_and_all_zero_differences_give_p_one()
    {
        var d = Enumerable.Range(0, 16).Select(i => i % 3 == 0 ? -0.01 : 0.02 + i * 0.001).ToList();
        Assert.True(SignFlip.Test(d, 10, 0).Exact);
        Assert.Equal((1.0, true), SignFlip.Test([0.0, 0.0, 0.0], 10, 0));
    }
}
