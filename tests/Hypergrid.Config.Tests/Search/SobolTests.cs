using Hypergrid.Config.Search;

namespace Hypergrid.Config.Tests.Search;

public class SobolTests
{
    // SciPy 1.10's qmc.Sobol(d=64, scramble=False).random(16): rows k, dimensions 1, 2, 3, 5, 10, 32 and 64.
    public static readonly TheoryData<int, double[]> Reference = new()
    {
        { 1, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5] },
        { 2, [0.75, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75] },
        { 3, [0.25, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25] },
        { 5, [0.875, 0.875, 0.125, 0.875, 0.125, 0.625, 0.625] },
        { 7, [0.125, 0.625, 0.375, 0.125, 0.875, 0.875, 0.375] },
        { 11, [0.4375, 0.5625, 0.1875, 0.8125, 0.0625, 0.0625, 0.9375] },
        { 15, [0.0625, 0.9375, 0.5625, 0.6875, 0.6875, 0.1875, 0.8125] },
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void Unscrambled_points_are_the_Joe_Kuo_sequence_as_SciPy_gives_it(int k, double[] expected)
    {
        var point = new Sobol(64, scrambleSeed: null).Point(k);
        Assert.Equal(expected, new[] { 0, 1, 2, 4, 9, 31, 63 }.Select(d => point[d]));
    }

    [Fact]
    public void Its_points_cover_the_square_more_evenly_than_random_points()
    {
        const int n = 256;
        var sobol = new Sobol(2, scrambleSeed: 3);
        var rng = new SplitMix64(3);
        var s = Discrepancy(Enumerable.Range(0, n).Select(k => sobol.Point(k)).ToList());
        var r = Discrepancy(Enumerable.Range(0, n).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() }).ToList());
        Assert.True(s < r / 3, $"L2-star discrepancy: sobol {s:g4}, random {r:g4}");
        Assert.True(s < 0.01, $"sobol's discrepancy {s:g4}");
    }

    [Fact]
    public void A_shift_keeps_each_dyadic_interval_filled_once()
    {
        // The first 2^m points of a digitally shifted sequence still put one point in each interval [j/2^m, (j+1)/2^m) of every dimension.
        var sobol = new Sobol(5, scrambleSeed: 11);
        var points = Enumerable.Range(0, 64).Select(k => sobol.Point(k)).ToList();
        for (var d = 0; d < 5; d++)
            Assert.Equal(Enumerable.Range(0, 64), points.Select(p => (int)(p[d] * 64)).Order());
    }

    [Fact]
    public void Different_seeds_shift_differently_and_one_seed_repeats()
    {
        Assert.Equal(new Sobol(3, 1).Point(5), new Sobol(3, 1).Point(5));
        Assert.NotEqual(new Sobol(3, 1).Point(5), new Sobol(3, 2).Point(5));
    }

    // Warnock's closed form of the L2-star discrepancy.
    private static double Discrepancy(List<double[]> points)
    {
        var n = points.Count;
        var d = points[0].Length;
        var sum1 = points.Sum(p => p.Aggregate(1.0, (acc, x) => acc * (1 - x * x)));
        var sum2 = 0.0;
        foreach (var p in points)
            foreach (var q in points)
                sum2 += p.Zip(q).Aggregate(1.0, (acc, t) => acc * (1 - Math.Max(t.First, t.Second)));
        return Math.Sqrt(Math.Pow(3, -d) - Math.Pow(2, 1 - d) / n * sum1 + sum2 / (n * n));
    }
}
