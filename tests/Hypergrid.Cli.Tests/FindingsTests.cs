using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>The loop of the README on the synthetic set: sweep, report, promote, experiment, report as markdown.</summary>
public class FindingsTests
{
    [Fact]
    public void A_sweep_is_reported_promoted_and_confirmed_over_seeds()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 2\nhidden: [[16]]\nbatch_size: 64\n")
            .Write("sweep/synthetic/mlp/adam", "lr: [0.0003, 0.01]\ndropout: [0.0, 0.2]\n");
        Assert.Equal(0, study.Run("sweep").Code);
        var (code, report) = study.Run("report", "--format", "csv");
        Assert.True(code == 0, report);
        Assert.Equal(5, report.TrimEnd('\n').Split('\n').Length);

        var promote = study.Run("promote", "sweep/synthetic/mlp/adam", "--seeds", "0,1,2");
        Assert.True(promote.Code == 0, promote.Output);
        var leaf = File.ReadAllText(Path.Combine(study.Root, "cfg", "experiment", "synthetic", "mlp", "adam", "cfg.yaml"));
        Assert.Contains("lr: 0.01", leaf);
        Assert.Contains("seed: [0, 1, 2]", leaf);
        Assert.Equal(2, study.Run("promote", "sweep/synthetic/mlp/adam").Code); // exists: --force needed

        Assert.Equal(0, study.Run("experiment").Code);
        var (mdCode, markdown) = study.Run("report", "--mode", "experiment", "--format", "markdown");
        Assert.True(mdCode == 0, markdown);
        Assert.Matches(@"\*\*\d\.\d{4} ± \d\.\d{4} \(n=3\)\*\*", markdown);
    }

    [Theory]
    [InlineData("report", "--metric", "val_accuracy")]
    [InlineData("report", "--reduce", "median")]
    [InlineData("report", "--equivalence", "-0.01")]
    [InlineData("report", "--metric", "val_acc,val_acc")]
    [InlineData("report", "--baseline", "sweep/synthetic/mlp/adam/lr=9")]
    [InlineData("report", "--mode", "experiment")]
    [InlineData("promote", "experiment/synthetic/mlp/adam")]
    [InlineData("promote", "sweep/synthetic/mlp/sgd")]
    public void Bad_findings_requests_are_one_line_and_exit_2_and_write_nothing(params string[] args)
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [[8]]\n").Write("sweep/synthetic/mlp/adam", "lr: [0.01, 0.02]\n");
        Assert.Equal(0, study.Run("sweep").Code);
        var (code, output) = study.Run(args);
        Assert.True(code == 2, output);
        Assert.StartsWith("error:", output.Trim());
        Assert.False(Directory.Exists(Path.Combine(study.Root, "cfg", "experiment")));
    }
}
