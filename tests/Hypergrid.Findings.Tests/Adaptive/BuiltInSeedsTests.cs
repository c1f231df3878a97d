using Hypergrid.Config.Expansion;
using Hypergrid.Training;

namespace Hypergrid.Findings.Tests.Adaptive;

/// <summary>seeds: beside the built-in trainers: checked by the registries as a key of Hypergrid's, never a hyperparameter.</summary>
public class BuiltInSeedsTests
{
    private static IReadOnlyList<LeafExpansion> Expand(string root, string seeds)
    {
        var leaf = Path.Combine(root, "cfg", "experiment", "mnist", "mlp", "adam");
        Directory.CreateDirectory(leaf);
        File.WriteAllText(Path.Combine(root, "cfg", "cfg.yaml"), "seed: 0\nepochs: 1\n");
        File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), seeds + "\n");
        return Expander.Expand(new ExpandOptions(Path.Combine(root, "cfg"), Path.Combine(root, "out"), DryRun: true) { Schema = TrialSchema.Instance });
    }

    [Fact]
    public void A_built_in_experiment_with_seeds_expands_its_first_seeds_and_the_setting_changes_no_results_identity()
    {
        var root = Directory.CreateTempSubdirectory("hypergrid-seeds-").FullName;
        try
        {
            var trials = Expand(root, "seeds: {start: 2, max: 4, equivalence: 0.01}").Single().Trials;
            Assert.Equal(2, trials.Count);
            var other = Expand(root, "seeds: {start: 3, max: 8}").Single().Trials;
            Assert.Equal(ResultHash.Effective(trials[1].Config, TrialSchema.Instance), ResultHash.Effective(other[1].Config, TrialSchema.Instance));
            Assert.NotEqual(ResultHash.Effective(trials[0].Config, TrialSchema.Instance), ResultHash.Effective(trials[1].Config, TrialSchema.Instance));
        }
        finally { Directory.Delete(root, true); }
    }
}
