using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Tests.Expansion;

public class ExpansionErrorTests
{
    private static ConfigException Fails(CfgTree tree, Filters? filters = null)
    {
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options(filters)));
        Assert.Empty(tree.AllFilesUnderOut());
        return ex;
    }

    [Fact]
    public void An_unknown_mode_folder_is_named()
    {
        using var tree = new CfgTree().Write("sweeps/mnist/mlp/adam", "seed: 0");
        var e = Assert.Single(Fails(tree).Errors);
        Assert.Contains("'sweeps'", e.Problem);
    }

    [Fact]
    public void A_cfg_deeper_than_a_leaf_is_an_error()
    {
        using var tree = new CfgTree().Write("sweep/mnist/mlp/adam", "seed: 0").Write("sweep/mnist/mlp/adam/extra", "lr: 1");
        Assert.Contains("deeper than a leaf", Assert.Single(Fails(tree).Errors).Problem);
    }

    [Fact]
    public void A_missing_seed_names_the_leaf()
    {
        using var tree = new CfgTree().Write("sweep/mnist/mlp/adam", "lr: 0.1");
        var e = Assert.Single(Fails(tree).Errors);
        Assert.Equal("seed", e.Key);
        Assert.EndsWith(Path.Combine("adam", "cfg.yaml"), e.Where.File);
    }

    [Theory]
    [InlineData("sweep", "seed: [0, 1]", "sweep mode needs a scalar seed")]
    [InlineData("sweep", "seed: 1.5", "not an integer")]
    [InlineData("sweep", "seed: abc", "not an integer")]
    [InlineData("sweep", "seed: -1", "negative")]
    [InlineData("experiment", "seed: [0, -2]", "negative")]
    [InlineData("sweep", "seed: 0\nlr: []", "empty list")]
    [InlineData("sweep", "seed: 0\nlr: [0.1, 0.2, 0.1]", "more than once")]
    [InlineData("sweep", "seed: 0\nmodel: cnn", "folder path says 'mlp'")]
    [InlineData("sweep", "seed: 0\nmode: experiment", "folder path says 'sweep'")]
    public void Each_rule_of_the_spec_has_its_error(string mode, string yaml, string expected)
    {
        using var tree = new CfgTree().Write($"{mode}/mnist/mlp/adam", yaml);
        Assert.Contains(expected, Assert.Single(Fails(tree).Errors).Problem);
    }

    [Fact]
    public void Every_non_seed_list_in_experiment_mode_is_named_with_the_file_that_set_it()
    {
        using var tree = new CfgTree()
            .Write("experiment", "seed: [0, 1]\nlr: [0.1, 0.2]")
            .Write("experiment/mnist/mlp/adam", "width: [1, 2]\nhidden: [[256, 128]]");
        var errors = Fails(tree).Errors;
        Assert.Equal(["lr", "width"], errors.Select(e => e.Key).Order());
        Assert.Contains(errors, e => e.Key == "lr" && e.Where.File.EndsWith(Path.Combine("experiment", "cfg.yaml")) && e.Where.Line == 2);
        Assert.Contains(errors, e => e.Key == "width" && e.Where.File.EndsWith(Path.Combine("adam", "cfg.yaml")));
    }

    [Fact]
    public void Several_errors_in_several_files_are_all_reported_and_nothing_is_written()
    {
        using var tree = new CfgTree()
            .Write("sweep/mnist/mlp/adam", "seed: 0\nlr: [0.1]")
            .Write("sweep/mnist/mlp/sgd", "seed: [1, 2]")
            .Write("sweep/mnist/cnn/sgd", "a: 1\na: 2\nseed: 0")
            .Write("sweep/mnist/cnn/adam", "- 1");
        Assert.Equal(3, Fails(tree).Errors.Count);
    }

    [Fact]
    public void A_filter_that_matches_no_leaf_is_an_error()
    {
        using var tree = new CfgTree().Write("sweep/mnist/mlp/adam", "seed: 0");
        Assert.Contains("no leaf", Assert.Single(Fails(tree, new Filters(Datasets: ["cifar"])).Errors).Problem);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("..")]
    public void A_link_leading_out_of_the_tree_is_an_error_not_a_walk_of_the_disk(string target)
    {
        using var tree = new CfgTree().Write("sweep/mnist/mlp/adam", "seed: 0\n");
        Directory.CreateSymbolicLink(Path.Combine(tree.Cfg, "sweep", "elsewhere"), target);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Contains("is a link to", Assert.Single(ex.Errors).Problem);
        Assert.Empty(tree.AllFilesUnderOut());
    }
}
