using Hypergrid.Config;
using Hypergrid.Config.Yaml;
using Hypergrid.Training.Logging;

namespace Hypergrid.Training.Tests.Training;

public class TrainingLoopTests
{
    private sealed class Rows : IBatchSink
    {
        public List<BatchRow> All { get; } = [];
        public void Write(in BatchRow row) => All.Add(row);
    }

    internal static TrialSpec Spec(string yaml, List<ConfigError>? errors = null)
    {
        errors ??= [];
        var map = YamlLoader.LoadMapping(yaml, "trial/cfg.yaml", errors)!;
        var spec = TrialSpec.Parse(map, "trial/cfg.yaml", errors);
        Assert.True(errors.Count == 0 || spec is null, string.Join("\n", errors));
        return spec!;
    }

    private const string Base = "mode: sweep\ndataset: synthetic\nseed: 3\nbatch_size: 32\n";

    [Fact]
    public void A_small_mlp_on_the_synthetic_set_learns_well_above_chance()
    {
        var spec = Spec(Base + "model: mlp\ntrainer: adam\nhidden: [32]\nlr: 0.01\nepochs: 3\n");
        var rows = new Rows();
        var final = TrainingLoop.Run(spec, spec.Data.Load("data"), rows);
        Assert.True(final.ValAcc > 0.8, $"val acc {final.ValAcc} (chance is 0.25)");
        Assert.Equal(3 * 16, rows.All.Count(r => r.Phase == "train"));
        Assert.Equal(3 * 8, rows.All.Count(r => r.Phase == "val"));
        Assert.All(rows.All, r => Assert.Null(r.GradNorm));
    }

    [Fact]
    public void Grad_norm_is_logged_only_when_chosen()
    {
        var spec = Spec(Base + "model: mlp\ntrainer: sgd\nhidden: [8]\nepochs: 1\nbatch_metrics: [grad_norm]\n");
        var rows = new Rows();
        TrainingLoop.Run(spec, spec.Data.Load("data"), rows);
        Assert.All(rows.All.Where(r => r.Phase == "train"), r => Assert.True(r.GradNorm > 0));
        Assert.All(rows.All.Where(r => r.Phase == "val"), r => Assert.Null(r.GradNorm));
    }

    [Theory]
    [InlineData("implicit")]
    [InlineData("unroll")]
    public void The_deq_reports_residuals_under_tolerance_or_a_spent_budget(string backward)
    {
        var spec = Spec(Base + $"model: deq\ntrainer: adam\nwidth: 16\niter_budget: 6\niter_budget_end: 10\ntol: 0.01\nbackward: {backward}\nepochs: 2\nbatch_metrics: [error, iter]\n");
        var rows = new Rows();
        var final = TrainingLoop.Run(spec, spec.Data.Load("data"), rows);
        Assert.True(final.ValAcc > 0.6, $"val acc {final.ValAcc}");
        Assert.Equal([6.0, 10.0], rows.All.Select(r => r.IterBudget!.Value).Distinct());
        foreach (var r in rows.All)
        {
            Assert.InRange(r.IterMin!.Value, 1, r.IterBudget!.Value);
            Assert.True(r.IterMin <= r.IterMed && r.IterMed <= r.IterMax && r.ErrorMin <= r.ErrorMed && r.ErrorMed <= r.ErrorMax);
            Assert.True(r.ErrorMax < 0.01 || r.IterMax == r.IterBudget, $"residual {r.ErrorMax} after {r.IterMax} iterations");
        }
    }

    [Fact]
    public void An_unknown_key_is_an_error_that_names_the_file_and_lists_the_known_keys()
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(Base + "model: mlp\ntrainer: adam\nlearning_rate: 0.1\n", "t/cfg.yaml", errors)!;
        Assert.Null(TrialSpec.Parse(map, "t/cfg.yaml", errors));
        var e = Assert.Single(errors);
        Assert.Equal("learning_rate", e.Key);
        Assert.Equal(("t/cfg.yaml", 7), (e.Where.File, e.Where.Line));
        Assert.Contains("lr", e.Hint);
    }

    [Theory]
    [InlineData("model: mlp\ntrainer: adam\ndevice: cuda\n", "device", "CUDA is not available")]
    [InlineData("model: transformer\ntrainer: adam\n", "model", "cnn, deq, mlp")]
    [InlineData("model: cnn\ntrainer: adam\n", "model", "image inputs")]
    [InlineData("model: mlp\ntrainer: sgd\nlr: -1\n", "lr", "-1")]
    [InlineData("model: mlp\ntrainer: sgd\nmomentum: 0\nnesterov: true\n", "nesterov", "momentum is 0")]
    public void Bad_values_are_refused_before_training_with_a_clear_message(string yaml, string key, string expected)
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(Base + yaml, "t/cfg.yaml", errors)!;
        Assert.Null(TrialSpec.Parse(map, "t/cfg.yaml", errors));
        var e = Assert.Single(errors);
        Assert.Equal(key, e.Key);
        Assert.Contains(expected, e.ToString());
    }

    [Fact]
    public void A_diverging_trial_throws_instead_of_logging_nan_to_the_end()
    {
        var spec = Spec(Base + "model: mlp\ntrainer: sgd\nhidden: [8]\nlr: 1e30\nmomentum: 0\nepochs: 2\n");
        Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Run(spec, spec.Data.Load("data"), new Rows()));
    }
}
