namespace Hypergrid.Trials.Tests;

/// <summary>A trial folder's out/log is its path without the trial's leaf and folder, and nothing where it is laid out otherwise.</summary>
public sealed class TrialIdTests
{
    private static readonly TrialId Id = new("sweep", "mnist", "mlp", "adam", 7);

    [Theory]
    [InlineData("/home/me/study/out/log")]
    [InlineData("out/log")]
    [InlineData("/")]
    [InlineData(".")]
    public void The_root_of_a_trial_folder_undoes_directory_under(string root) => Assert.Equal(root, Id.RootOf(Id.DirectoryUnder(root)));

    [Fact]
    public void A_trial_folder_named_from_its_leaf_lies_in_the_current_folder() => Assert.Equal(".", Id.RootOf("sweep/mnist/mlp/adam/trial_007/"));

    [Theory]
    [InlineData("/out/log/sweep/mnist/mlp/sgd/trial_007")]   // another leaf's folder
    [InlineData("/out/log/xsweep/mnist/mlp/adam/trial_007")] // a folder whose name only ends as the mode does
    [InlineData("/tmp/trial-folder")]
    public void A_folder_not_under_its_leaf_has_no_root(string dir) => Assert.Null(Id.RootOf(dir));
}
