using Hypergrid.Config.Expansion;
using Hypergrid.Running.Devices;
using Hypergrid.Tests;

namespace Hypergrid.Running.Tests.Devices;

public class GpuCheckTests
{
    private static readonly GpuOffer Two = new(2, "--gpus 0,1", "name more GPUs");

    private static IReadOnlyList<Trial> Trials(string yaml)
    {
        using var tree = new Study();
        tree.Write("sweep/synthetic/mlp/sgd", "seed: 0\n" + yaml);
        return Expander.Expand(new ExpandOptions(Path.Combine(tree.Root, "cfg"), Path.Combine(tree.Root, "out"), DryRun: true)).SelectMany(l => l.Trials).ToList();
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpus: 0\n")]
    [InlineData("gpus: 2\n")]
    public void Trials_asking_for_what_the_run_has_or_nothing_pass(string yaml) => Assert.Empty(GpuCheck.Errors(Trials(yaml), Two));

    [Theory]
    [InlineData("gpus: 3\n", 2, "asks for 3 GPU(s) per trial, but --gpus 0,1 has only 2")]
    [InlineData("gpus: 1\n", 0, "asks for 1 GPU(s) per trial, but --gpus 0,1 has none")]
    public void A_trial_asking_for_more_than_the_run_has_is_an_error_at_its_line_with_the_fix(string yaml, int have, string problem)
    {
        var error = Assert.Single(GpuCheck.Errors(Trials(yaml), Two with { Count = have }));
        Assert.Equal("gpus", error.Key);
        Assert.Contains(problem, error.Problem);
        Assert.EndsWith("cfg.yaml", error.Where.File);
        Assert.Equal(2, error.Where.Line);
        Assert.Equal("name more GPUs", error.Hint);
    }

    [Theory]
    [InlineData("gpus: 2\n")]
    [InlineData("gpus: 0\n")]
    public void Gpus_is_not_a_hyperparameter_so_setting_it_never_makes_a_result_stale(string yaml)
    {
        var without = Trials("lr: 0.1\n").Single().Config;
        var with = Trials(yaml + "lr: 0.1\n").Single().Config;
        Assert.Equal(without.ParamsSha256(), with.ParamsSha256());
        Assert.Equal(ResultHash.Effective(without, Hypergrid.Training.TrialSchema.Instance), ResultHash.Effective(with, Hypergrid.Training.TrialSchema.Instance));
        Assert.NotEqual(without.ParamsSha256(), Trials("lr: 0.2\n").Single().Config.ParamsSha256()); // a hyperparameter does change it
    }

    [Theory]
    [InlineData("gpus: two\n", "is 'two'")]
    [InlineData("gpus: -1\n", "is '-1'")]
    [InlineData("gpus: 1.5\n", "is '1.5'")]
    [InlineData("gpus: {n: 1}\n", "is not one number")]
    public void A_gpus_value_that_is_not_a_count_is_an_error_once_per_line(string yaml, string problem)
    {
        var error = Assert.Single(GpuCheck.Errors(Trials(yaml + "lr: [0.1, 0.2]\n"), Two).Distinct());
        Assert.Contains(problem, error.Problem);
        Assert.Contains("whole number", error.Hint);
    }
}
