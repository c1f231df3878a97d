using Hypergrid.Trials;

namespace Hypergrid.Findings.Tests;

/// <summary>A reading worker's trial ids, with each leaf's part parsed once, are the ids a full parse of each path gives.</summary>
public sealed class ReadingLeafTests
{
    [Fact]
    public void Ids_of_trials_from_leaves_in_turn_are_the_ids_their_paths_give()
    {
        // Leaves whose paths are prefixes of each other, numbers past 999, and a leaf met again after another.
        string[] dirs =
        [
            "/s/out/log/sweep/mnist/mlp/adam/trial_000", "/s/out/log/sweep/mnist/mlp/adam/trial_001", "/s/out/log/sweep/mnist/mlp/adam/trial_1000",
            "/s/out/log/sweep/mnist/mlp/adam2/trial_000", "/s/out/log/sweep/mnist/mlp/adam/trial_007", "/s/out/log/sweep/mnist/mlp2/adam/trial_007",
            "/s/out/log/experiment/mnist/mlp/adam/trial_003", "/t/out/log/experiment/mnist/mlp/adam/trial_004",
        ];
        using var leaf = new ReadingLeaf("/s/out/log");
        foreach (var dir in dirs)
        {
            var id = leaf.Id(dir);
            Assert.Equal(TrialId.FromDirectory(dir), id);
            Assert.Equal(dir[(dir.IndexOf("/log/", StringComparison.Ordinal) + 5)..], id.ToString());
        }
    }

    [Theory]
    [InlineData("/s/out/log/sweep/mnist/mlp/adam/trial_0000")] // not a name Hypergrid gives
    [InlineData("/s/out/log/sweep/mnist/mlp/adam/other")]
    public void A_folder_that_is_no_trial_after_one_of_its_leaf_is_refused_as_a_full_parse_refuses_it(string dir)
    {
        using var leaf = new ReadingLeaf("/s/out/log");
        _ = leaf.Id("/s/out/log/sweep/mnist/mlp/adam/trial_000");
        Assert.Throws<ArgumentException>(() => TrialId.FromDirectory(dir));
        Assert.Throws<ArgumentException>(() => leaf.Id(dir));
    }
}
