using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>Mistakes in the user's input: a clear message, exit code 2, nothing written, nothing trained.</summary>
public class CliInputErrorTests
{
    [Fact]
    public void Expand_reports_every_error_with_file_line_and_key_exits_2_and_writes_nothing()
    {
        using var study = new Study()
            .Write("", "seed: 0\n")
            .Write("experiment/synthetic/mlp/adam", "seed: [0, 1]\nlr: [0.1, 0.2]\n")
            .Write("sweep/synthetic/mlp/adam", "lr: [0.1\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine("cfg", "experiment", "synthetic", "mlp", "adam", "cfg.yaml") + ":2:1: key 'lr' is a list of several values", output);
        Assert.Contains(Path.Combine("cfg", "sweep", "synthetic", "mlp", "adam", "cfg.yaml") + ":2:", output);
        Assert.Contains("hint:", output);
        Assert.DoesNotContain("   at ", output); // no stack trace for a mistake in the user's input
        Assert.False(Directory.Exists(study.Log));
    }

    [Fact]
    public void An_unknown_key_stops_the_run_before_anything_is_written_and_is_reported_once_where_it_was_written()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\n")
            .Write("sweep/synthetic/mlp/adam", "lr: [0.1, 0.2]\n")
            .Write("sweep/synthetic/mlp/sgd", "lr: [0.1, 0.2, 0.3]\nlearning_rate: 0.1\n");
        var (code, output) = study.Run("run");
        Assert.Equal(2, code);
        var where = Path.Combine("cfg", "sweep", "synthetic", "mlp", "sgd", "cfg.yaml") + ":2:1: key 'learning_rate' is not a key that";
        Assert.Contains(where, output);
        Assert.Equal(output.IndexOf(where), output.LastIndexOf(where)); // three trials, one report
        Assert.Contains("known keys:", output);
        Assert.False(Directory.Exists(study.Log), "no trial folder, no run.json: nothing was written");
    }

    [Fact]
    public void Device_cuda_gives_a_clear_error_where_cuda_is_not_available()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\ndevice: cuda\n").Write("sweep/synthetic/mlp/adam", "lr: 0.1\n");
        var (code, output) = study.Run("sweep");
        Assert.Equal(2, code);
        Assert.Contains("key 'device' is 'cuda', but this build of Hypergrid uses TorchSharp-cpu", output);
    }

    [Fact]
    public void A_dry_run_prints_each_leafs_trials_with_the_file_of_each_axis_and_writes_nothing()
    {
        using var study = new Study().Write("", "seed: 0\nlr: [0.1, 0.2]\n").Write("sweep/synthetic/mlp/adam", "hidden: [[8], [16, 8]]\n");
        var (code, output) = study.Run("expand", "--dry-run");
        Assert.Equal(0, code);
        Assert.Contains("trial_003", output);
        Assert.Contains("[16, 8]", output);
        Assert.Contains(Path.Combine("cfg", "cfg.yaml"), output);
        Assert.Contains(Path.Combine("cfg", "sweep", "synthetic", "mlp", "adam", "cfg.yaml"), output);
        Assert.Contains("4 trials (4 new, would write 4 cfg.yaml)", output);
        Assert.False(Directory.Exists(study.Log));
    }
}
