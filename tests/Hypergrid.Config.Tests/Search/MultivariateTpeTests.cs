using Hypergrid.Config.Search;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Search;

/// <summary>
/// TPE with <c>multivariate: true</c>: the parameters active in every trial are drawn and scored jointly; the rest of the
/// space is proposed as before, and the setting is part of the search. (Whether it finds better values is measured by
/// `bench search`, not asserted here.)
/// </summary>
public class MultivariateTpeTests
{
    private const string Mixed = "lr: {log_uniform: [1e-5, 1e-1]}\ndropout: {uniform: [0, 0.5]}\nlayers: {int_uniform: [1, 4]}\n"
        + "optimizer: {choice: {adam: {beta1: {uniform: [0.8, 0.99]}}, sgd: {momentum: {uniform: [0, 0.99]}, nesterov: true}}}";

    private static ProposalSpec Spec(bool multivariate, long seed = 0, int trials = 40) =>
        Spaces.Spec(ProposalMethod.Tpe, trials, seed, startup: 10) with { Multivariate = multivariate };

    [Fact]
    public void Multivariate_proposals_are_reproducible_inside_the_space_and_not_the_univariate_ones()
    {
        var space = Spaces.Parse(Mixed);
        double Loss(double[] x) => Math.Abs(x[0] + 7) + x[1] + x[2];
        var a = InProcessSearch.Run(space, Spec(true, seed: 4), Loss);
        var b = InProcessSearch.Run(Spaces.Parse(Mixed), Spec(true, seed: 4), Loss);
        Assert.Equal(a.Select(o => o.X), b.Select(o => o.X));
        int At(string key) => space.Parameters.Single(p => p.Key == key).Index;
        foreach (var o in a)
        {
            Assert.InRange(o.X[At("lr")], Math.Log(1e-5) - 1e-9, Math.Log(1e-1) + 1e-9);
            Assert.InRange(o.X[At("dropout")], 0, 0.5);
            Assert.Contains(o.X[At("layers")], new[] { 1.0, 2, 3, 4 });
            Assert.Contains(o.X[At("optimizer")], new[] { 0.0, 1 });
            Assert.InRange(o.X[At("beta1")], 0.8, 0.99);
        }
        var univariate = InProcessSearch.Run(space, Spec(false, seed: 4), Loss);
        Assert.Equal(univariate.Take(10).Select(o => o.X), a.Take(10).Select(o => o.X)); // the same random startup
        Assert.NotEqual(univariate.Skip(10).Select(o => o.X), a.Skip(10).Select(o => o.X));
    }

    [Fact]
    public void The_setting_is_read_from_the_search_and_changes_its_fingerprint_only_when_set()
    {
        var space = Spaces.Parse("lr: {uniform: [0, 1]}");
        ProposalSpec Parse(string search)
        {
            var errors = new List<ConfigError>();
            var map = YamlLoader.LoadMapping($"search: {search}", "cfg.yaml", errors)!;
            var spec = ProposalSpec.Parse(map["search"], errors);
            Assert.Empty(errors);
            return spec!;
        }
        string Fingerprint(ProposalSpec spec) => new SearchPlan(space, spec, []).Fingerprint;
        var absent = Parse("{method: tpe, trials: 8}");
        var off = Parse("{method: tpe, trials: 8, multivariate: false}");
        var on = Parse("{method: tpe, trials: 8, multivariate: true}");
        Assert.False(absent.Multivariate);
        Assert.True(on.Multivariate);
        Assert.Equal(Fingerprint(absent), Fingerprint(off));
        Assert.NotEqual(Fingerprint(absent), Fingerprint(on));
    }
}
