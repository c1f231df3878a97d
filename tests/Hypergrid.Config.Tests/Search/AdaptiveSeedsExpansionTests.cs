using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Tests.Search;

/// <summary>
/// <c>seeds: {start, max, until: decided}</c> in experiment leaves: its mistakes are expansion errors at their cfg/ line
/// with nothing written; expansion makes the first start seeds of every group, and one more per round of the section's
/// decisions file that continued the group; plain seed lists expand as before.
/// </summary>
public class AdaptiveSeedsExpansionTests
{
    private const string Cnn = "experiment/mnist/cnn/adam", Mlp = "experiment/mnist/mlp/adam";

    private static CfgTree Tree(string seeds, string seed = "seed: 0", string mode = "experiment") =>
        new CfgTree().Write("", seed + "\n").Write($"{mode}/mnist", seeds + "\n").Write($"{mode}/mnist/cnn/adam", "").Write($"{mode}/mnist/mlp/adam", "");

    private static ConfigError Fails(CfgTree tree)
    {
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options()));
        Assert.Empty(tree.AllFilesUnderOut()); // nothing half-written
        return ex.Errors[0];
    }

    private static List<long> Seeds(IReadOnlyList<LeafExpansion> leaves, string leaf) =>
        leaves.Single(l => l.Plan.Leaf.RelativePath == leaf).Trials.Select(t => (t.Config["seed"] as Hypergrid.Config.Yaml.CfgScalar)!.Integer!.Value).ToList();

    [Theory]
    [InlineData("seeds: {start: 5, max: 3}", "seeds.start", "more than max 3")]
    [InlineData("seeds: {start: 3, max: 10, until: forever}", "seeds.until", "forever")]
    [InlineData("seeds: {start: 3, max: 10, unitl: decided}", "seeds.unitl", "not a seeds setting")]
    [InlineData("seeds: {max: 10}", "seeds.start", "is missing")]
    [InlineData("seeds: {start: 0, max: 10}", "seeds.start", "not a whole number")]
    [InlineData("seeds: {start: 3, max: 10, equivalence: -0.1}", "seeds.equivalence", "not a positive number")]
    [InlineData("seeds: {start: 3, max: 10, alpha: 1.5}", "seeds.alpha", "between 0 and 1")]
    [InlineData("seeds: {start: 3, max: 10, metric: accuracy}", "seeds.metric", "not a phase")]
    [InlineData("seeds: 5", "seeds", "not a mapping")]
    public void A_mistake_in_seeds_is_an_error_at_its_line_naming_the_key_and_the_fix(string seeds, string key, string problem)
    {
        using var tree = Tree(seeds);
        var e = Fails(tree);
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Problem);
        Assert.EndsWith(Path.Combine("experiment", "mnist", "cfg.yaml"), e.Where.File);
        Assert.Equal(1, e.Where.Line);
        Assert.NotEmpty(e.Hint);
    }

    [Fact]
    public void Seeds_in_a_sweep_or_more_than_the_seed_list_holds_are_errors_with_their_fix()
    {
        using var sweep = Tree("seeds: {start: 3, max: 10}", mode: "sweep");
        var e = Fails(sweep);
        Assert.Equal(("seeds", true), (e.Key, e.Problem.Contains("sweep mode")));
        using var list = Tree("seeds: {start: 3, max: 10}", seed: "seed: [0, 1, 2, 3, 4]");
        e = Fails(list);
        Assert.Equal("seeds.max", e.Key);
        Assert.Contains("seed lists 5 seed(s)", e.Problem);
        Assert.Contains("seed: 0", e.Hint);
    }

    [Fact]
    public void Leaves_of_one_section_with_different_seeds_settings_are_an_error_naming_both()
    {
        using var tree = new CfgTree().Write("", "seed: 0\n").Write(Cnn, "seeds: {start: 3, max: 10}\n").Write(Mlp, "seeds: {start: 3, max: 8}\n");
        var e = Fails(tree);
        Assert.Equal("seeds", e.Key);
        Assert.Contains("experiment/mnist/cnn/adam", e.Problem);
        Assert.Contains("cfg/experiment/mnist/cfg.yaml", e.Hint);
    }

    [Fact]
    public void Expansion_makes_the_first_start_seeds_counted_from_seed_or_taken_from_its_list()
    {
        using var counted = Tree("seeds: {start: 3, max: 10, until: decided}", seed: "seed: 7");
        var leaves = Expander.Expand(counted.Options());
        Assert.Equal([7, 8, 9], Seeds(leaves, Cnn));
        Assert.Equal([7, 8, 9], Seeds(leaves, Mlp));
        Assert.True(File.Exists(counted.TrialFile(Cnn, 2)));
        Assert.False(File.Exists(counted.TrialFile(Cnn, 3)));
        using var listed = Tree("seeds: {start: 2, equivalence: 0.01}", seed: "seed: [11, 5, 3, 9]");
        var spec = Expander.Expand(listed.Options()).First().Plan.Seeds!;
        Assert.Equal([11, 5], Seeds(Expander.Expand(listed.Options()), Cnn));
        Assert.Equal((4, 0.01), (spec.Max, spec.Margin));
        Assert.Equal([11L, 5, 3, 9], spec.Seeds);
    }

    [Fact]
    public void Each_round_that_continues_a_group_adds_its_next_seed_as_a_new_trial_and_stopped_groups_keep_theirs()
    {
        using var tree = Tree("seeds: {start: 3, max: 5}");
        Expander.Expand(tree.Options());
        var section = Path.Combine(tree.Out, "log", "experiment", "mnist");
        var round = new SeedRound(1, 3, Cnn, new Dictionary<string, string> { [Mlp] = "different" }, [Cnn]);
        SeedDecisions.Append(section, SeedDecisions.Format(round, "s", "test", DateTimeOffset.UnixEpoch));
        var leaves = Expander.Expand(tree.Options());
        Assert.Equal([0, 1, 2, 3], Seeds(leaves, Cnn));
        Assert.Equal([0, 1, 2], Seeds(leaves, Mlp));
        Assert.Equal(1, leaves.Single(l => l.Plan.Leaf.RelativePath == Cnn).Added);
        Assert.True(File.Exists(tree.TrialFile(Cnn, 3)));
        // Rounds past the maximum never admit more than max seeds.
        foreach (var n in new[] { 2, 3, 4 })
            SeedDecisions.Append(section, SeedDecisions.Format(round with { Number = n, Stopped = new Dictionary<string, string>() }, "s", "test", DateTimeOffset.UnixEpoch));
        Assert.Equal([0, 1, 2, 3, 4], Seeds(Expander.Expand(tree.Options()), Cnn));
    }

    [Fact]
    public void A_plain_seed_list_expands_unchanged_and_seeds_is_not_a_hyperparameter()
    {
        using var plain = new CfgTree().Write("", "seed: [0, 1, 2, 3, 4]\n").Write(Cnn, "");
        Assert.Equal([0, 1, 2, 3, 4], Seeds(Expander.Expand(plain.Options()), Cnn));
        Assert.Contains(SeedsSpec.Key, TrialConfig.NotHyperparameters);
        Assert.Contains(SeedsSpec.Key, HypergridKeys.NotDeclarable);
    }
}
