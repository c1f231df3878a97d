using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Trials;

/// <summary>A scan's trial ids, each leaf's part parsed once, are the ids a full parse of each path gives, by the same rule as a report's reader.</summary>
public sealed class ScanLeavesTests
{
    [Fact]
    public void Ids_of_trials_of_several_leaves_are_the_ids_their_paths_give()
    {
        string[] dirs =
        [
            "/s/out/log/sweep/mnist/mlp/adam/trial_000", "/s/out/log/sweep/mnist/mlp/adam/trial_1000", "/s/out/log/sweep/mnist/mlp/adam2/trial_000",
            "/s/out/log/sweep/mnist/mlp/adam/trial_007", "/s/out/log/experiment/mnist/mlp/adam/trial_123456789",
        ];
        var leaves = new ScanLeaves();
        foreach (var dir in dirs) Assert.Equal(TrialId.FromDirectory(dir), leaves.Of(dir).Id);
    }

    [Theory]
    [InlineData("/s/out/log/sweep/mnist/mlp/adam/trial_0000")] // trial_000 beside it is trial 0; this is a stray
    [InlineData("/s/out/log/sweep/mnist/mlp/adam/trial_01")]
    [InlineData("/s/out/log/sweep/mnist/mlp/adam/trial_+12")]
    [InlineData("/s/out/log/sweep/mnist/mlp/adam/trial_1234567890")]
    public void A_name_that_is_no_trial_after_one_of_its_leaf_is_refused_as_a_full_parse_refuses_it(string dir)
    {
        var leaves = new ScanLeaves();
        _ = leaves.Of("/s/out/log/sweep/mnist/mlp/adam/trial_000");
        Assert.Throws<ArgumentException>(() => TrialId.FromDirectory(dir));
        Assert.Throws<ArgumentException>(() => leaves.Of(dir));
    }
}
