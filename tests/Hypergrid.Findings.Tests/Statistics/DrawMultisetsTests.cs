using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests.Statistics;

public class DrawMultisetsTests
{
    // The bootstrap of a mean as it was computed before its multisets were used: every resample of the shared table
    // summed in draw order, the two quantiles from the tails, or selected where the tails leave them (a NaN, a zero).
    private static Interval Before(double[] x, int resamples, ulong seed, double level)
    {
        var n = x.Length;
        var table = BootstrapDraws.Of(n, 0, resamples, seed)!;
        var values = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            foreach (var i in table.AsSpan(r * n, n)) sum += x[i];
            values[r] = sum / n;
        }
        if (TailQuantile.Of(values, (1 - level) / 2) is { } low && TailQuantile.Of(values, (1 + level) / 2) is { } high) return new Interval(low, high);
        return new Interval(Quantile.Select(values, (1 - level) / 2), Quantile.Select(values, (1 + level) / 2));
    }

    private static bool Same(Interval a, Interval b) =>
        BitConverter.DoubleToInt64Bits(a.Low) == BitConverter.DoubleToInt64Bits(b.Low) && BitConverter.DoubleToInt64Bits(a.High) == BitConverter.DoubleToInt64Bits(b.High);

    // Values as reports have them and as they should not break it: spread, ties (accuracies of 10,000 samples), all
    // equal, two values, cancelling magnitudes, subnormals, near overflow, zeros, negatives, integers, non-finite ones.
    private static double[] Values(Random random, int n, int kind) => kind switch
    {
        0 => [.. Enumerable.Range(0, n).Select(_ => 0.9 + random.NextDouble() * 0.05)],
        1 => [.. Enumerable.Range(0, n).Select(_ => Math.Round(0.9 + random.NextDouble() * 0.01, 4))],
        2 => [.. Enumerable.Repeat(0.1 + random.Next(3) * 0.1, n)],
        3 => [.. Enumerable.Range(0, n).Select(_ => random.Next(2) == 0 ? 0.3 : 0.7)],
        4 => [.. Enumerable.Range(0, n).Select(i => (i % 3) switch { 0 => 1e16, 1 => -1e16, _ => random.NextDouble() })],
        5 => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1e-310)],
        6 => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 1e307)],
        7 => [.. Enumerable.Range(0, n).Select(_ => random.Next(3) - 1.0)],
        8 => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 0.02)],
        9 => [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(-5, 6))],
        10 => [.. Enumerable.Range(0, n).Select(i => i == 0 ? double.NaN : random.NextDouble())],
        11 => [.. Enumerable.Range(0, n).Select(i => i == 0 ? double.PositiveInfinity : random.NextDouble())],
        _ => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)))],
    };

    [Theory]
    [InlineData(2000)] // a report's
    [InlineData(500)]
    [InlineData(37)]
    [InlineData(4)]
    [InlineData(1)]
    public void A_means_interval_is_the_one_every_resample_summed_gave_to_the_last_bit(int resamples)
    {
        var random = new Random(resamples);
        var compared = 0;
        for (var i = 0; i < 3000; i++)
        {
            var n = random.Next(1, 9);
            var seed = (ulong)random.Next(3);
            var level = new[] { 0.95, 0.8, 0.5, 0.99, 0, 1 }[random.Next(6)];
            var x = Values(random, n, random.Next(13));
            var now = Bootstrap.Mean(x, resamples, seed, level);
            Assert.True(Same(Before(x, resamples, seed, level), now), $"n {n}, seed {seed}, level {level}, x [{string.Join(", ", x.Select(v => v.ToString("R")))}]: {now}");
            if (DrawMultisets.Of(n, resamples, seed)?.Interval(x, level) is not null) compared++;
        }
        // The comparison covers the multisets' own path, not only the fallback (few resamples have few multisets to use).
        if (resamples >= 37) Assert.True(compared > 300, $"{compared} answered from the multisets");
    }

    [Fact]
    public void A_paired_difference_is_the_mean_of_the_differences_as_before()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var n = random.Next(2, 7);
            var (a, b) = (Values(random, n, random.Next(10)), Values(random, n, random.Next(10)));
            var differences = a.Zip(b, (x, y) => x - y).ToArray();
            Assert.True(Same(Before(differences, 2000, 0, 0.95), Bootstrap.PairedDifference(a, b, 2000, 0)));
        }
    }

    [Theory]
    [InlineData(5, 2000, 126)] // C(9, 5): how often each of five seeds is drawn
    [InlineData(3, 2000, 10)]
    [InlineData(6, 2000, 462)]
    public void Five_seeds_drawn_two_thousand_times_make_few_multisets(int n, int resamples, int most)
    {
        var sets = DrawMultisets.Of(n, resamples, 0);
        Assert.NotNull(sets);
        // Most multisets are drawn at 2,000 resamples of so few (a few rare ones may be missing), never more.
        Assert.InRange(sets.Count, most * 3 / 4, most);
    }

    [Theory]
    [InlineData(7, 2000)] // 1,716 multisets: more than a quarter of the resamples
    [InlineData(5, 100)]  // 126 multisets of 100 resamples
    [InlineData(13, 100_000)]
    [InlineData(9, 99_999)]   // 24,310 possible: a tail near the median kept sorted by insertion costs more than it saves
    [InlineData(8, 50_000)]
    public void Where_multisets_would_not_pay_there_are_none(int n, int resamples) =>
        Assert.Null(DrawMultisets.Of(n, resamples, 0));
}
