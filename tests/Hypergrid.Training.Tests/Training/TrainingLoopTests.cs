using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Training.Logging;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Training.Tests.Training;

public class TrainingLoopTests
{
    private sealed class Rows : IBatchSink
    {
        public List<BatchRow> All { get; } = [];
        public void Write(in BatchRow row) => All.Add(row);
        public LogPosition Flush() => new(All.Count, 0);
    }

    private static TrialConfig Config(string yaml)
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(yaml, "t/cfg.yaml", errors);
        Assert.Empty(errors);
        return TrialConfig.FromMap(map!, "t/cfg.yaml");
    }

    /// <summary>A config that must check cleanly; the test fails with the problems otherwise.</summary>
    internal static TrialSpec Spec(string yaml)
    {
        var errors = new List<ConfigError>();
        var spec = TrialSpec.Parse(Config(yaml), errors, out _);
        Assert.True(errors.Count == 0 && spec is not null, string.Join("\n", errors));
        return spec!;
    }

    private static List<ConfigError> Problems(string yaml)
    {
        var errors = new List<ConfigError>();
        Assert.Null(TrialSpec.Parse(Config(yaml), errors, out _));
        return errors;
    }

    private static double LastValAcc(Rows rows)
    {
        var last = rows.All.Where(r => r.Phase == "val").GroupBy(r => r.Epoch).Last();
        return last.Average(r => r.Acc);
    }

    private const string Base = "mode: sweep\ndataset: synthetic\nseed: 3\nbatch_size: 32\n";

    [Fact]
    public void A_small_mlp_on_the_synthetic_set_learns_well_above_chance()
    {
        var spec = Spec(Base + "model: mlp\ntrainer: adam\nhidden: [32]\nlr: 0.01\nepochs: 3\n");
        var rows = new Rows();
        TrainingLoop.Run(spec, spec.Data.Load("data"), rows);
        Assert.True(LastValAcc(rows) > 0.8, $"val acc {LastValAcc(rows)} (chance is 0.25)");
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
        TrainingLoop.Run(spec, spec.Data.Load("data"), rows);
        Assert.True(LastValAcc(rows) > 0.6, $"val acc {LastValAcc(rows)}");
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
        var e = Assert.Single(Problems(Base + "model: mlp\ntrainer: adam\nlearning_rate: 0.1\n"));
        Assert.Equal("learning_rate", e.Key);
        Assert.Equal(("t/cfg.yaml", 7), (e.Where.File, e.Where.Line));
        Assert.Contains("lr", e.Hint);
    }

    [Theory]
    [InlineData("model: mlp\ntrainer: adam\ndevice: cuda\n", "device", "this build of Hypergrid uses TorchSharp-cpu")]
    [InlineData("model: transformer\ntrainer: adam\n", "model", "cnn, deq, mlp")]
    [InlineData("model: cnn\ntrainer: adam\n", "model", "image inputs")]
    [InlineData("model: mlp\ntrainer: sgd\nlr: -1\n", "lr", "-1")]
    [InlineData("model: mlp\ntrainer: sgd\nmomentum: 0\nnesterov: true\n", "nesterov", "momentum is 0")]
    [InlineData("model: mlp\ntrainer: sgd\nlr: .inf\n", "lr", "not a finite number")]
    [InlineData("model: mlp\ntrainer: sgd\nlr: 1e400\n", "lr", "not a finite number")]
    [InlineData("model: mlp\ntrainer: adam\nweight_decay: .nan\n", "weight_decay", "not a finite number")]
    [InlineData("model: mlp\ntrainer: adam\nhidden: []\n", "hidden", "empty list")]
    [InlineData("model: mlp\ntrainer: adam\nhidden: [99999999999]\n", "hidden", "from 1 to")]
    [InlineData("model: mlp\ntrainer: adam\nepochs: -3\n", "epochs", "from 1 to")]
    [InlineData("model: mlp\ntrainer: adam\nlr: fast\n", "lr", "'fast'")]
    public void Bad_values_are_refused_before_training_with_a_clear_message(string yaml, string key, string expected)
    {
        var e = Assert.Single(Problems(Base + yaml));
        Assert.Equal(key, e.Key);
        Assert.Contains(expected, e.ToString());
    }

    [Fact]
    public void A_diverging_trial_throws_instead_of_logging_nan_to_the_end()
    {
        var spec = Spec(Base + "model: mlp\ntrainer: sgd\nhidden: [8]\nlr: 1e6\nmomentum: 0\nepochs: 2\n");
        Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Run(spec, spec.Data.Load("data"), new Rows()));
    }

    [Fact]
    public void A_cnn_with_more_pooling_layers_than_the_image_allows_is_refused_even_at_32()
    {
        foreach (var n in new[] { 5, 32 })
        {
            var channels = "[" + string.Join(", ", Enumerable.Repeat(4, n)) + "]";
            var e = Assert.Single(Problems("mode: sweep\ndataset: mnist\nseed: 0\nmodel: cnn\ntrainer: adam\nchannels: " + channels + "\n"));
            Assert.Contains("pooling layers", e.Problem);
        }
    }

    [Fact]
    public void Values_come_back_in_their_declared_types_so_a_trial_is_identified_by_value()
    {
        var errors = new List<ConfigError>();
        TrialSpec.Parse(Config(Base + "model: mlp\ntrainer: adam\nhidden: 8\nlr: 1\nepochs: 03\n"), errors, out var normalized);
        Assert.Empty(errors);
        Assert.Equal(("[8]", "1.0", "3"), (normalized["hidden"]!.Canonical, normalized["lr"]!.Canonical, normalized["epochs"]!.Canonical));
    }

    [Fact]
    public void An_unknown_trainer_is_one_error_and_does_not_also_call_the_valid_keys_unknown()
    {
        var e = Assert.Single(Problems(Base + "model: mlp\ntrainer: rmsprop\nlr: 0.1\nhidden: [8]\n"));
        Assert.Equal("trainer", e.Key);
    }
}
