using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Tests.Search;

public class SearchSpaceErrorTests
{
    private const string Random = "seed: 0\nsearch: {method: random, trials: 5}\n";

    private static ConfigError FailsWithOne(string mode, string yaml)
    {
        using var tree = new CfgTree().Write($"{mode}/mnist/mlp/adam", yaml);
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options()));
        Assert.Empty(tree.AllFilesUnderOut());
        var e = Assert.Single(ex.Errors);
        Assert.EndsWith(Path.Combine("adam", "cfg.yaml"), e.Where.File);
        Assert.True(e.Where.Line > 0, "the error names its line");
        Assert.False(string.IsNullOrWhiteSpace(e.Hint));
        return e;
    }

    [Theory]
    [InlineData(Random + "lr: {uniform: [0.5, 0.1]}", "lr", "not below its high end")]
    [InlineData(Random + "lr: {log_uniform: [0.1, 0.1]}", "lr", "not below its high end")]
    [InlineData(Random + "lr: {log_uniform: [0, 0.1]}", "lr", "needs numbers above 0")]
    [InlineData(Random + "lr: {log_uniform: [-1, 0.1]}", "lr", "needs numbers above 0")]
    [InlineData(Random + "lr: {loguniform: [1e-5, 1e-1]}", "lr", "did you mean 'log_uniform'")]
    [InlineData(Random + "lr: {normal: [0, 1]}", "lr", "not a distribution Hypergrid knows")]
    [InlineData(Random + "lr: {gauss: [0, 1]}", "lr", "not a distribution Hypergrid knows")]
    [InlineData(Random + "lr: {uniform: [0.1]}", "lr", "takes two numbers")]
    [InlineData(Random + "lr: {uniform: [0.1, 0.2, 0.3]}", "lr", "takes two numbers")]
    [InlineData(Random + "lr: {uniform: 0.1}", "lr", "takes two numbers")]
    [InlineData(Random + "lr: {uniform: [a, 1]}", "lr", "takes two numbers")]
    [InlineData(Random + "layers: {int_uniform: [1, 4.5]}", "layers", "not whole numbers")]
    [InlineData(Random + "opt: {choice: [adam, sgd]}", "opt", "not a mapping of options")]
    [InlineData(Random + "opt: {choice: {adam: 3}}", "opt.adam", "not a mapping of the keys it sets")]
    [InlineData(Random + "beta1: 0.9\nopt: {choice: {adam: {beta1: {uniform: [0.8, 0.99]}}, sgd: {}}}", "opt.adam.beta1", "also in")]
    [InlineData(Random + "opt: {choice: {adam: {beta1: [0.8, 0.9]}, sgd: {}}}", "opt.adam.beta1", "inside a choice's option")]
    [InlineData(Random + "opt: {choice: {adam: {epochs: {int_uniform: [1, 3]}}}}", "opt.adam.epochs", "Hypergrid's own settings")]
    [InlineData(Random + "lr: [0.1, {uniform: [0, 1]}]", "lr", "lists a range")]
    [InlineData("seed: 0\nlr: {uniform: [0, 1]}", "lr", "no search method")]
    [InlineData("seed: 0\nsearch: {method: halving, rungs: [1], keep: 0.5}\nepochs: 3\nlr: {uniform: [0, 1]}", "lr", "runs over a grid of lists")]
    [InlineData("seed: 0\nsearch: {method: random, trials: 5}\nlr: [0.1, 0.2]", "search.method", "no range or choice")]
    [InlineData("seed: 0\nsearch: {method: random}\nlr: {uniform: [0, 1]}", "search.trials", "is missing")]
    [InlineData("seed: 0\nsearch: {method: random, trials: 0}\nlr: {uniform: [0, 1]}", "search.trials", "is 0")]
    [InlineData("seed: 0\nsearch: {method: sobol, trials: 4, seed: -1}\nlr: {uniform: [0, 1]}", "search.seed", "is -1")]
    [InlineData("seed: 0\nsearch: {method: sobol, trials: 4, batch: 2}\nlr: {uniform: [0, 1]}", "search.batch", "tpe only")]
    [InlineData("seed: 0\nsearch: {method: random, trials: 4, multivariate: true}\nlr: {uniform: [0, 1]}", "search.multivariate", "tpe only")]
    [InlineData("seed: 0\nsearch: {method: tpe, trials: 4, multivariate: 2}\nlr: {uniform: [0, 1]}", "search.multivariate", "is 2")]
    [InlineData("seed: 0\nsearch: {method: tpe, trials: 4, batch: 0}\nlr: {uniform: [0, 1]}", "search.batch", "is 0")]
    [InlineData("seed: 0\nsearch: {method: bayes, trials: 4}\nlr: {uniform: [0, 1]}", "search.method", "is 'bayes'")]
    [InlineData("seed: 0\nepochs: 3\nsearch: {method: tpe, trials: 12, startup: 6, batch: 2, rungs: [1, 2], keep: 0.34}\nlr: {uniform: [0, 1]}", "search.batch", "fewer than one")]
    [InlineData("seed: 0\nepochs: 3\nsearch: {method: tpe, trials: 12, startup: 4, batch: 4, rungs: [1], keep: 0.5, async: true}\nlr: {uniform: [0, 1]}", "search.async", "could not be replayed")]
    public void Each_mistake_in_a_search_space_names_its_file_line_key_and_fix(string yaml, string key, string problem)
    {
        var e = FailsWithOne("sweep", yaml);
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Problem);
    }

    [Theory]
    [InlineData("seed: [0, 1]\nlr: {log_uniform: [1e-5, 1e-1]}")]
    [InlineData("seed: [0, 1]\nopt: {choice: {adam: {}, sgd: {}}}")]
    public void A_range_in_experiment_mode_is_an_error(string yaml)
    {
        var e = FailsWithOne("experiment", yaml);
        Assert.Contains("experiment mode", e.Problem);
    }

    [Fact]
    public void A_range_on_the_seed_is_an_error()
    {
        using var tree = new CfgTree().Write("sweep/mnist/mlp/adam", "search: {method: random, trials: 5}\nseed: {int_uniform: [0, 9]}");
        var ex = Assert.Throws<ConfigException>(() => Expander.Expand(tree.Options()));
        Assert.Contains(ex.Errors, e => e.Key == "seed" && e.Problem.Contains("Hypergrid's own settings"));
        Assert.Empty(tree.AllFilesUnderOut());
    }
}
