using Hypergrid.Config;
using Hypergrid.Config.Expansion;

using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>The example study the README's first command trains: it must expand and validate cleanly.</summary>
public class ShippedStudyTests
{
    [Fact]
    public void The_shipped_cfg_tree_expands_and_every_trial_passes_the_registries()
    {
        var cfg = RepoFiles.FindFolder("cfg", "cfg.yaml") ?? throw new InvalidOperationException("cfg/ not found above the tests");
        // Throws with every problem when a trial does not pass the registries.
        var leaves = Expander.Expand(new ExpandOptions(cfg, Path.Combine(Path.GetTempPath(), "unused"), DryRun: true) { Schema = Training.TrialSchema.Instance });
        Assert.Contains(leaves, l => l.Plan.Leaf.Mode == "experiment");
        Assert.Equal(["cnn", "deq", "mlp"], leaves.Where(l => l.Plan.Leaf.Mode == "sweep").Select(l => l.Plan.Leaf.Model).Distinct().Order());
        Assert.All(leaves.Where(l => l.Plan.Leaf.Mode == "experiment"), l => Assert.Equal(5, l.Trials.Count));
        Assert.Equal(16, leaves.Where(l => l.Plan.Leaf.Mode == "sweep").Sum(l => l.Trials.Count));
    }
}
