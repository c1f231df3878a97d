using Hypergrid.Config.Search;

namespace Hypergrid.Config.Tests.Search;

public class ParzenEstimatorTests
{
    // Optuna 3.1's _ParzenEstimator over the same observations on [-5, 10] (prior, magic clip, no endpoints) gives these
    // log scores at 0, 2.5, 9 and -4.9: its mixture of truncated normals scored without the 1/sigma factor.
    [Fact]
    public void Its_scores_are_those_of_Optuna_3_1s_estimator_over_the_same_observations()
    {
        var space = Spaces.Parse("x: {uniform: [-5, 10]}");
        var pe = new ParzenEstimator(space.Parameters[0], [1.0, -2.0, 7.5, 3.3, 9.9, 0.1, 4.4]);
        double[] optuna = [-1.25904181, -1.20247639, -1.26567588, -1.96781023];
        var ours = new[] { 0.0, 2.5, 9.0, -4.9 }.Select(pe.LogPdf).ToArray();
        for (var i = 0; i < optuna.Length; i++) Assert.Equal(optuna[i], ours[i], 5);
    }

    [Fact]
    public void Its_draws_stay_in_the_range_and_gather_where_the_observations_are()
    {
        var space = Spaces.Parse("x: {uniform: [0, 1]}");
        var pe = new ParzenEstimator(space.Parameters[0], [0.8, 0.81, 0.82, 0.79, 0.8]);
        var rng = new SplitMix64(1);
        var draws = Enumerable.Range(0, 2000).Select(_ => pe.Sample(ref rng)).ToList();
        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        // Widths are at least the range / 7 here (the magic clip): most draws fall within 0.2 of the observations.
        Assert.True(draws.Count(d => Math.Abs(d - 0.8) < 0.2) > 1200, $"{draws.Count(d => Math.Abs(d - 0.8) < 0.2)} of 2000 draws near the observations");
        Assert.True(draws.Count(d => d < 0.4) < 200, "few draws far from them (the prior takes one part in six)");
    }

    [Fact]
    public void A_choice_is_scored_by_its_smoothed_counts()
    {
        var space = Spaces.Parse("opt: {choice: {a: {}, b: {}, c: {}}}");
        var pe = new ParzenEstimator(space.Parameters[0], [1, 1, 1, 0]);
        Assert.True(pe.LogPdf(1) > pe.LogPdf(0));
        Assert.True(pe.LogPdf(0) > pe.LogPdf(2));
        Assert.Equal(1.0, new[] { 0, 1, 2 }.Sum(c => Math.Exp(pe.LogPdf(c))), 9);
    }
}
