using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>expand --dry-run over a search leaf: every proposed key is a column, blank where an option did not bring it.</summary>
public class SearchExpandTests
{
    [Theory]
    [InlineData("opt: {choice: {adam: {beta1: {uniform: [0.8, 0.99]}}, sgd: {momentum: {uniform: [0, 0.9]}}}}\n", "beta1")]
    [InlineData("width: [8, 16]\nlr: {log_uniform: [1e-4, 1e-1]}\nopt: {choice: {adam: {}, sgd: {nesterov: true}}}\n", "nesterov")]
    public void The_dry_run_table_has_a_column_per_proposed_key(string keys, string optionKey)
    {
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\n")
            .Write("sweep/toyset/resnet/lion", "search: {method: random, trials: 6, seed: 1}\n" + keys);
        var (code, output) = study.Run("expand", "--dry-run");
        Assert.True(code == 0, output);
        Assert.Contains(optionKey, output);
        Assert.Contains("proposed", output);
        Assert.Contains("would write", output);
    }
}
