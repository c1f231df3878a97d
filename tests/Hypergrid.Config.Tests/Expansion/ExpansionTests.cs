using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Tests.Expansion;

public class ExpansionTests
{
    private const string Leaf = "sweep/mnist/mlp/adam";

    [Fact]
    public void Expansion_puts_the_last_axis_fastest_and_numbers_from_zero()
    {
        using var tree = new CfgTree().Write("", "seed: 0\nlr: [0.1, 0.2]").Write(Leaf, "width: [8, 16, 32]");
        var trials = Expander.Expand(tree.Options()).Single().Trials;
        Assert.Equal(6, trials.Count);
        Assert.Equal(["0.1 8", "0.1 16", "0.1 32", "0.2 8", "0.2 16", "0.2 32"],
            trials.Select(t => string.Join(" ", t.AxisValues.Select(v => v.Value.Canonical))));
        Assert.Equal("trial_005", Path.GetFileName(trials[^1].Directory));
        Assert.True(File.Exists(tree.TrialFile(Leaf, 5)));
    }

    [Fact]
    public void The_resolved_config_carries_the_path_keys_and_the_merged_keys_in_order()
    {
        using var tree = new CfgTree().Write("", "seed: 0\nlr: 0.5\nepochs: 2").Write("sweep", "lr: 1e-3").Write(Leaf, "hidden: [[256, 128]]\nopt: {a: 1}");
        Expander.Expand(tree.Options());
        var text = File.ReadAllText(tree.TrialFile(Leaf, 0));
        var body = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(["mode: sweep", "dataset: mnist", "model: mlp", "trainer: adam", "seed: 0", "lr: 0.001", "epochs: 2", "hidden: [256, 128]", "opt:", "  a: 1"], body);
        Assert.Contains("#   " + Hypergrid.Config.Tree.LeafFinder.Display(Path.Combine(tree.Cfg, "sweep", "cfg.yaml")), text);
    }

    [Fact]
    public void Batch_metrics_is_a_value_not_an_axis()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nbatch_metrics: [grad_norm, error]");
        Assert.Single(Expander.Expand(tree.Options()).Single().Trials);
    }

    [Fact]
    public void A_seed_list_in_experiment_mode_gives_one_trial_per_seed()
    {
        using var tree = new CfgTree().Write("experiment/mnist/mlp/adam", "seed: [3, 1, 4]\nhidden: [[64]]");
        var trials = Expander.Expand(tree.Options()).Single().Trials;
        Assert.Equal(["3", "1", "4"], trials.Select(t => t.AxisValues[0].Value.Canonical));
        Assert.Contains("seed: 4\n", File.ReadAllText(tree.TrialFile("experiment/mnist/mlp/adam", 2)));
    }

    [Theory]
    [InlineData(false)] // killed after making the folder
    [InlineData(true)]  // killed before renaming the cfg.yaml written beside it
    public void A_folder_an_expansion_was_killed_in_is_the_same_trial_when_expanded_again(bool temp)
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2, 0.3]");
        Expander.Expand(tree.Options());
        var last = tree.TrialFile(Leaf, 2);
        var content = File.ReadAllText(last);
        File.Delete(last);
        if (temp) File.WriteAllText(Path.Combine(Path.GetDirectoryName(last)!, $".cfg.yaml.{Environment.ProcessId}.1.tmp"), "seed: 0\n");
        var again = Expander.Expand(tree.Options()).Single();
        Assert.Empty(again.Orphans);
        Assert.Equal(["trial_000", "trial_001", "trial_002"], again.Trials.Select(t => Path.GetFileName(t.Directory)));
        Assert.Equal(content, File.ReadAllText(last));
    }

    [Fact]
    public void A_folder_without_cfg_yaml_that_holds_anything_else_keeps_its_number()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2]");
        Expander.Expand(tree.Options());
        var last = tree.TrialFile(Leaf, 1);
        File.Delete(last);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(last)!, "notes.txt"), "mine");
        var again = Expander.Expand(tree.Options()).Single();
        Assert.Single(again.Orphans); // not taken over: something else is in it
        Assert.Equal("trial_002", Path.GetFileName(again.Trials[^1].Directory));
    }

    [Fact]
    public void Expanding_twice_rewrites_no_file()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2]");
        Expander.Expand(tree.Options());
        var path = tree.TrialFile(Leaf, 1);
        var past = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(path, past);
        var content = File.ReadAllText(path);
        var second = Expander.Expand(tree.Options()).Single();
        Assert.Equal(0, second.Written);
        Assert.Equal(past, File.GetLastWriteTimeUtc(path));
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void Editing_a_parent_scalar_rewrites_every_affected_trial()
    {
        using var tree = new CfgTree().Write("", "epochs: 1").Write(Leaf, "seed: 0\nlr: [0.1, 0.2]");
        Expander.Expand(tree.Options());
        tree.Write("", "epochs: 7");
        Assert.Equal(2, Expander.Expand(tree.Options()).Single().Written);
        Assert.Contains("epochs: 7\n", File.ReadAllText(tree.TrialFile(Leaf, 0)));
        Assert.Contains("epochs: 7\n", File.ReadAllText(tree.TrialFile(Leaf, 1)));
    }

    [Fact]
    public void Adding_a_value_appends_trials_after_the_highest_number_without_renumbering()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.3]\nwidth: [8]");
        Expander.Expand(tree.Options());
        tree.Write(Leaf, "seed: 0\nlr: [0.1, 0.2, 0.3]\nwidth: [8]");
        var leaf = Expander.Expand(tree.Options()).Single();
        Assert.Equal(1, leaf.Added);
        Assert.Contains("lr: 0.3\n", File.ReadAllText(tree.TrialFile(Leaf, 1)));
        Assert.Contains("lr: 0.2\n", File.ReadAllText(tree.TrialFile(Leaf, 2)));
    }

    [Fact]
    public void Removing_a_value_reports_orphans_and_deletes_nothing()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2, 0.3]");
        Expander.Expand(tree.Options());
        tree.Write(Leaf, "seed: 0\nlr: [0.1, 0.3]");
        var leaf = Expander.Expand(tree.Options()).Single();
        Assert.Equal(1, Assert.Single(leaf.Orphans).Number);
        Assert.True(File.Exists(tree.TrialFile(Leaf, 1)));
        Assert.Equal([0, 2], leaf.Trials.Select(t => t.Number));
    }

    [Fact]
    public void Turning_a_scalar_into_an_axis_keeps_the_trial_that_had_the_old_value()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\ndropout: 0.0");
        Expander.Expand(tree.Options());
        tree.Write(Leaf, "seed: 0\ndropout: [0.5, 0.0]");
        var leaf = Expander.Expand(tree.Options()).Single();
        Assert.Equal("0.0", leaf.Trials.Single(t => t.Number == 0).AxisValues[0].Value.Canonical);
        Assert.Equal("0.5", leaf.Trials.Single(t => t.Number == 1).AxisValues[0].Value.Canonical);
    }

    [Fact]
    public void A_dry_run_writes_nothing()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2]");
        var leaf = Expander.Expand(tree.Options(dryRun: true)).Single();
        Assert.Equal(2, leaf.Written);
        Assert.Empty(tree.AllFilesUnderOut());
    }

    [Fact]
    public void Filters_select_leaves_by_mode_and_dataset()
    {
        using var tree = new CfgTree().Write("sweep/mnist/mlp/adam", "seed: 0").Write("sweep/toy/mlp/adam", "seed: 0")
            .Write("experiment/mnist/mlp/adam", "seed: [0, 1]");
        var leaves = Expander.Expand(tree.Options(new Filters(Modes: ["sweep"], Datasets: ["mnist"])));
        Assert.Equal("sweep/mnist/mlp/adam", Assert.Single(leaves).Plan.Leaf.RelativePath);
    }

    [Fact]
    public void No_temp_file_is_left_behind()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2]");
        Expander.Expand(tree.Options());
        Assert.DoesNotContain(tree.AllFilesUnderOut(), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void Values_rewritten_in_another_spelling_keep_their_trials_and_orphan_nothing()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.01]\nepochs: 1");
        Expander.Expand(tree.Options());
        tree.Write(Leaf, "epochs: 01\nlr: [1e-1, 0.010]\nseed: +0");
        var leaf = Expander.Expand(tree.Options()).Single();
        Assert.Equal((0, 0), (leaf.Added, leaf.Orphans.Count));
        Assert.Equal(["0.1", "0.01"], leaf.Trials.Select(t => t.AxisValues[0].Value.Canonical));
    }

    [Theory]
    [InlineData("experiment", "seed: [1, 01, +1]")]
    [InlineData("sweep", "seed: 0\nlr: [0.1, 0.10, 1e-1]")]
    public void A_value_repeated_in_another_spelling_is_a_repeated_value(string mode, string yaml)
    {
        using var tree = new CfgTree().Write($"{mode}/mnist/mlp/adam", yaml);
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options()));
        Assert.Contains(ex.Errors, e => e.Problem.Contains("more than once"));
        Assert.Empty(tree.AllFilesUnderOut());
    }

    [Fact]
    public void A_result_whose_cfg_yaml_was_deleted_gets_it_back_instead_of_a_twin()
    {
        using var tree = new CfgTree().Write(Leaf, "seed: 0\nlr: [0.1, 0.2]");
        var first = Expander.Expand(tree.Options()).Single();
        var trial = first.Trials[1];
        new Trials.RunRecord { Status = Trials.RunStatus.Complete, Config = trial.Config.ToJson() }.Write(trial.Directory);
        File.Delete(trial.ConfigPath);
        var again = Expander.Expand(tree.Options()).Single();
        Assert.Equal((0, 0), (again.Added, again.Orphans.Count));
        Assert.Equal(trial.ConfigText, File.ReadAllText(trial.ConfigPath));
    }

    [Theory]
    [InlineData(4, 20, 100_000)]   // 160,000 trials: over the default limit
    [InlineData(16, 16, 100_000)]  // 16^16 overflows a long: must not wrap to zero trials
    [InlineData(2, 4, 10)]         // 16 trials over a limit of 10
    public void A_grid_larger_than_the_limit_is_refused_at_once_with_its_size(int axes, int values, long limit)
    {
        var yaml = "seed: 0\n" + string.Concat(Enumerable.Range(0, axes).Select(a => $"k{a}: [{string.Join(", ", Enumerable.Range(0, values))}]\n"));
        using var tree = new CfgTree().Write(Leaf, yaml);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options() with { MaxTrials = limit }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        var e = Assert.Single(ex.Errors);
        Assert.Contains("more than the limit", e.Problem);
        Assert.Contains("--max-trials", e.Hint);
    }
}
