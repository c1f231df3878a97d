using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Training.Tests.Training;

/// <summary>A trainer folder may carry a label after '@' (what promote --top names its leaves by): the trainer is the part before it.</summary>
public class LabelledTrainerTests
{
    private static (TrialSpec? Spec, List<ConfigError> Errors) Parse(string trainer)
    {
        var errors = new List<ConfigError>();
        var yaml = $"mode: experiment\ndataset: synthetic\nmodel: mlp\ntrainer: '{trainer}'\nseed: 0\nmomentum: 0.5\n";
        var spec = TrialSpec.Parse(TrialConfig.FromMap(YamlLoader.LoadMapping(yaml, "t/cfg.yaml", errors)!, "t/cfg.yaml"), errors, out _);
        return (spec, errors);
    }

    [Theory]
    [InlineData("sgd@lr=0.01,layers=2", 0.1)]   // sgd's own default lr, and momentum is an sgd key
    [InlineData("sgd@wide@x", 0.1)]
    public void A_labelled_folder_trains_with_the_trainer_before_the_label(string folder, double lr)
    {
        var (spec, errors) = Parse(folder);
        Assert.True(spec is not null, string.Join("\n", errors));
        Assert.Equal(lr, spec.TrainerFactory.Settings.Schedule.Lr);
        Assert.Equal(folder, spec.Trainer);
    }

    [Theory]
    [InlineData("adamw@lr=0.01")]
    [InlineData("@lr=0.01")]
    public void A_label_on_an_unknown_trainer_names_the_known_ones_and_the_label_rule(string folder)
    {
        var (spec, errors) = Parse(folder);
        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("trainer", e.Key);
        Assert.Contains("adam, sgd", e.ToString());
        Assert.Contains("adam@wide", e.ToString());
    }
}
