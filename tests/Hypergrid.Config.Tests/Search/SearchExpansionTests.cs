using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Search;

public class SearchExpansionTests
{
    private const string Leaf = "sweep/mnist/mlp/adam";

    private static LeafExpansion Expand(CfgTree tree) => Assert.Single(Expander.Expand(tree.Options()));

    private static Dictionary<string, string> Values(Trial t) => t.Config.Entries.ToDictionary(e => e.Key, e => e.Value.Canonical);

    [Fact]
    public void A_random_search_writes_its_trials_with_values_inside_their_ranges()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: random, trials: 12, seed: 3}\nlr: {log_uniform: [1e-5, 1e-1]}\ndropout: {uniform: [0, 0.5]}\nlayers: {int_uniform: [1, 4]}");
        var leaf = Expand(tree);
        Assert.Equal(12, leaf.Trials.Count);
        foreach (var t in leaf.Trials)
        {
            Assert.InRange(((CfgScalar)t.Config["lr"]!).Number!.Value, 1e-5, 1e-1);
            Assert.InRange(((CfgScalar)t.Config["dropout"]!).Number!.Value, 0, 0.5);
            Assert.InRange(((CfgScalar)t.Config["layers"]!).Integer!.Value, 1, 4);
            var text = File.ReadAllText(tree.TrialFile(Leaf, t.Number));
            Assert.Contains("lr: " + t.Config["lr"]!.Canonical, text);
            Assert.DoesNotContain("log_uniform", text);
        }
        Assert.Equal(12, leaf.Trials.Select(t => t.Config["lr"]!.Canonical).Distinct().Count());
    }

    [Fact]
    public void A_choice_gives_each_trial_the_keys_of_the_option_it_chose_and_no_other()
    {
        using var tree = new CfgTree().Write(Leaf,
            "seed: 0\nsearch: {method: sobol, trials: 16}\noptimizer: {choice: {adam: {beta1: {uniform: [0.8, 0.99]}, eps: 1e-8}, sgd: {momentum: {uniform: [0, 0.99]}}}}\nepochs: 2");
        var leaf = Expand(tree);
        var byOption = leaf.Trials.GroupBy(t => t.Config["optimizer"]!.Canonical).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["adam", "sgd"], byOption.Keys.Order());
        Assert.All(byOption["adam"], t => { Assert.NotNull(t.Config["beta1"]); Assert.Equal("1.0e-08", t.Config["eps"]!.Canonical); Assert.Null(t.Config["momentum"]); });
        Assert.All(byOption["sgd"], t => { Assert.NotNull(t.Config["momentum"]); Assert.Null(t.Config["beta1"]); Assert.Null(t.Config["eps"]); });
        // The option's keys follow the choice, before the keys written after it.
        Assert.Equal(["optimizer", "beta1", "eps", "epochs"], byOption["adam"][0].Config.Entries.Select(e => e.Key).SkipWhile(k => k != "optimizer").ToList());
    }

    [Fact]
    public void Lists_stay_axes_and_each_grid_point_gets_the_same_proposals()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: random, trials: 5}\nwidth: [64, 128]\nlr: {log_uniform: [1e-4, 1e-1]}");
        var leaf = Expand(tree);
        Assert.Equal(10, leaf.Trials.Count);
        var lrs = leaf.Trials.GroupBy(t => t.Config["width"]!.Canonical).Select(g => g.Select(t => t.Config["lr"]!.Canonical).Order().ToList()).ToList();
        Assert.Equal(lrs[0], lrs[1]);
        Assert.Equal(5, lrs[0].Distinct().Count());
    }

    [Fact]
    public void Expanding_again_rewrites_nothing_and_raising_trials_only_adds()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: random, trials: 6, seed: 1}\nlr: {log_uniform: [1e-4, 1e-1]}\nopt: {choice: {a: {p: {uniform: [0, 1]}}, b: {}}}");
        var first = Expand(tree);
        var values = first.Trials.ToDictionary(t => t.Number, t => t.Config.ParamsSha256());
        Assert.Empty(Expand(tree).Changed);
        tree.Write(Leaf, "seed: 0\nsearch: {method: random, trials: 9, seed: 1}\nlr: {log_uniform: [1e-4, 1e-1]}\nopt: {choice: {a: {p: {uniform: [0, 1]}}, b: {}}}");
        var more = Expand(tree);
        Assert.Equal(9, more.Trials.Count);
        Assert.Equal(3, more.Added);
        Assert.Empty(more.Orphans);
        // The same trials with the same values (their cfg.yaml says the new search, which is not a hyperparameter: nothing is stale).
        foreach (var (number, sha) in values) Assert.Equal(sha, more.Trials.Single(t => t.Number == number).Config.ParamsSha256());
    }

    [Fact]
    public void Another_search_seed_gives_other_trials_and_leaves_the_old_ones_as_orphans()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: sobol, trials: 4, seed: 1}\nlr: {uniform: [0, 1]}");
        Expand(tree);
        tree.Write(Leaf, "seed: 0\nsearch: {method: sobol, trials: 4, seed: 2}\nlr: {uniform: [0, 1]}");
        var again = Expand(tree);
        Assert.Equal(4, again.Orphans.Count);
        Assert.Equal([4, 5, 6, 7], again.Trials.Select(t => t.Number));
    }

    [Fact]
    public void Tpe_expands_its_startup_trials_which_are_random_searchs_first_proposals()
    {
        using var tpe = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: tpe, trials: 30, startup: 4, seed: 7, metric: val_loss}\nlr: {uniform: [0, 1]}");
        using var random = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: random, trials: 4, seed: 7}\nlr: {uniform: [0, 1]}");
        Assert.Equal(Expand(random).Trials.Select(t => t.Config["lr"]!.Canonical), Expand(tpe).Trials.Select(t => t.Config["lr"]!.Canonical));
    }

    [Fact]
    public void A_proposal_that_repeats_an_earlier_one_is_one_trial_and_is_said()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nsearch: {method: random, trials: 20}\nlayers: {int_uniform: [1, 3]}");
        var leaf = Expand(tree);
        Assert.Equal(["1", "2", "3"], leaf.Trials.Select(t => t.Config["layers"]!.Canonical).Order());
        Assert.Contains(leaf.Warnings, w => w.Contains("17 of 20 proposals repeat"));
    }

    [Fact]
    public void A_search_is_reproducible_from_the_tree_alone()
    {
        const string yaml = "seed: 0\nsearch: {method: random, trials: 5, seed: 11}\nlr: {log_uniform: [1e-5, 1e-1]}";
        using var a = new CfgTree().Write(Leaf, yaml);
        using var b = new CfgTree().Write(Leaf, yaml);
        Assert.Equal(Expand(a).Trials.Select(Values), Expand(b).Trials.Select(Values));
    }
}
