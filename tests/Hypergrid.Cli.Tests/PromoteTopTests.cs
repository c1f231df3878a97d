using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>
/// promote --top K on a real sweep: one experiment leaf per setting, named by what differs, that the built-in trainer
/// trains; promote again changes nothing; a changed top K says what it would change and waits for --force; too large a
/// K, a trial, and a diverged best are refused with nothing written.
/// </summary>
public class PromoteTopTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    private static Study Swept(string axes, string leaf = Leaf)
    {
        var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [[8]]\nn_train: 256\nn_val: 128\n").Write(leaf, axes);
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        return study;
    }

    private static string Experiment(Study study) => Path.Combine(study.Root, "cfg", "experiment", "synthetic", "mlp");

    private static Dictionary<string, string> Leaves(Study study) => !Directory.Exists(Experiment(study)) ? []
        : Directory.GetDirectories(Experiment(study)).ToDictionary(d => Path.GetFileName(d), d => File.ReadAllText(Path.Combine(d, "cfg.yaml")));

    [Fact]
    public void The_top_settings_become_leaves_named_by_what_differs_that_train_and_a_second_promote_changes_nothing()
    {
        using var study = Swept("lr: [0.0001, 0.003, 0.03]\n");
        var (code, output) = study.Run("promote", Leaf, "--top", "2", "--seeds", "0,1");
        Assert.True(code == 0, output);
        var leaves = Leaves(study);
        // Named by lr alone (the one key that differs), and never the worst setting (0.0001 barely moves in one epoch).
        Assert.Equal(2, leaves.Count);
        Assert.All(leaves.Keys, name => Assert.Matches(@"^adam@lr=0\.0(03|3)$", name));
        Assert.All(leaves, l => Assert.Contains($"lr: {l.Key["adam@lr=".Length..]}\n", l.Value));
        Assert.All(leaves.Values, text => Assert.Contains("seed: [0, 1]", text));
        Assert.Contains(leaves.Values, text => text.Contains("(rank 1 by val_acc final = "));

        var times = Directory.GetDirectories(Experiment(study)).Select(d => File.GetLastWriteTimeUtc(Path.Combine(d, "cfg.yaml"))).ToList();
        var again = study.Run("promote", Leaf, "--top", "2", "--seeds", "0,1");
        Assert.True(again.Code == 0, again.Output);
        Assert.Equal(2, again.Output.Split('\n').Count(l => l.StartsWith("unchanged cfg/experiment/synthetic/mlp/adam@lr=")));
        Assert.Equal(times, Directory.GetDirectories(Experiment(study)).Select(d => File.GetLastWriteTimeUtc(Path.Combine(d, "cfg.yaml"))).ToList());
        Assert.Equal(leaves, Leaves(study));

        // The built-in trainer trains a labelled folder: 2 leaves x 2 seeds, reported as two rows named by their folders.
        var run = study.Run("experiment");
        Assert.True(run.Code == 0, run.Output);
        var report = study.Run("report", "--mode", "experiment", "--format", "csv");
        Assert.True(report.Code == 0, report.Output);
        Assert.Equal(2, report.Output.Split('\n').Count(l => l.Contains("experiment/synthetic/mlp/adam@lr=")));
    }

    [Fact]
    public void A_changed_top_k_says_what_it_would_change_and_writes_only_with_force_leaving_the_earlier_leaf_in_place()
    {
        using var study = Swept("lr: [0.0001, 0.003, 0.03]\ndropout: [0.0]\n");
        Assert.Equal(0, study.Run("promote", Leaf, "--top", "2").Code);
        var before = Leaves(study);
        // --top 3 keeps the two names (lr still the one key that differs): one leaf more, nothing changed.
        var more = study.Run("promote", Leaf, "--top", "3");
        Assert.True(more.Code == 0, more.Output);
        Assert.Equal(3, Leaves(study).Count);
        Assert.All(before, l => Assert.Equal(l.Value, Leaves(study)[l.Key]));

        // --seeds changes every file: shown, refused, nothing written.
        var now = Leaves(study);
        var changed = study.Run("promote", Leaf, "--top", "3", "--seeds", "0,1,2");
        Assert.True(changed.Code == 2, changed.Output);
        Assert.Contains("would change:", changed.Output);
        Assert.Contains("+ seed: [0, 1, 2]", changed.Output);
        Assert.Contains("--force", changed.Output);
        Assert.Equal(now, Leaves(study));

        // A hand-written sibling is never taken for an earlier promote; --top 1 leaves two promoted leaves out of the set.
        study.Write("experiment/synthetic/mlp/adam@mine", "seed: [0]\n");
        var fewer = study.Run("promote", Leaf, "--top", "1");
        Assert.True(fewer.Code == 2, fewer.Output);
        Assert.Equal(2, fewer.Output.Split("was promoted before and is no longer among these").Length - 1);
        Assert.DoesNotContain("adam@mine", fewer.Output);
        var forced = study.Run("promote", Leaf, "--top", "1", "--force");
        Assert.True(forced.Code == 0, forced.Output);
        Assert.Equal(4, Leaves(study).Count);
        Assert.Contains("left cfg/experiment/synthetic/mlp/adam@", forced.Output);
    }

    [Theory]
    [InlineData("--top", "4")]                       // three settings
    [InlineData("--top", "0")]
    [InlineData("--top", "2", "--metric", "val_nope")]
    public void A_top_that_cannot_be_met_is_one_line_exit_2_and_writes_nothing(params string[] args)
    {
        using var study = Swept("lr: [0.0001, 0.003, 0.03]\n");
        var (code, output) = study.Run(["promote", Leaf, .. args]);
        Assert.True(code == 2, output);
        Assert.StartsWith("error:", output.Trim());
        Assert.False(Directory.Exists(Path.Combine(study.Root, "cfg", "experiment")));
    }

    [Fact]
    public void A_diverged_or_unfinished_trial_is_never_among_the_top()
    {
        using var study = Swept("lr: [0.0001, 0.003, 0.03]\n");
        var log = Path.Combine(study.Log, Leaf);
        // trial_002's last val loss made NaN, as a run that diverged records it: of the three settings two are promotable.
        var runJson = Path.Combine(log, "trial_002", "run.json");
        var run = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(runJson))!;
        run["final"]!["val_loss"] = "NaN";
        File.WriteAllText(runJson, run.ToJsonString());
        var three = study.Run("promote", Leaf, "--top", "3");
        Assert.True(three.Code == 2, three.Output);
        Assert.Contains("has 2 setting(s)", three.Output);
        var dry = study.Run("promote", Leaf, "--top", "2", "--dry-run");
        Assert.True(dry.Code == 0, dry.Output);
        Assert.DoesNotContain("lr=0.03", dry.Output);
        Assert.Contains("trial_001", dry.Output);
        // A trial without its batch log is not complete: left out too.
        File.Delete(Path.Combine(log, "trial_001", "batch_log.csv"));
        var two = study.Run("promote", Leaf, "--top", "2");
        Assert.True(two.Code == 2, two.Output);
        Assert.Contains("has 1 setting(s)", two.Output);
        Assert.False(Directory.Exists(Path.Combine(study.Root, "cfg", "experiment")));
    }
}
