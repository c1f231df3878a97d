using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>Staleness compares effective values: a default written out, or the same value written another way, is the same trial.</summary>
public class EffectiveStalenessTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    [Theory]
    [InlineData("dropout: 0.0\n")]
    [InlineData("dropout: -0.0\nweight_decay: 0\n")]
    [InlineData("activation: relu\nschedule: constant\nbatch_size: 128\n")]
    public void Writing_defaults_explicitly_keeps_every_result_complete_and_in_the_report(string defaults)
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\n").Write(Leaf, "lr: [0.01, 0.02]");
        Assert.Equal(0, study.Run("sweep").Code);
        study.Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\n" + defaults);
        var status = study.Run("status", "--trials");
        Assert.DoesNotContain($"stale    {Leaf}", status.Output);
        Assert.Contains($"complete {Leaf}/trial_001", status.Output);
        var report = study.Run("report", "--format", "csv");
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains("lr=0.02", report.Output);
        Assert.Contains("nothing to train", study.Run("sweep").Output);
    }

    [Fact]
    public void A_changed_value_still_makes_a_result_stale()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\n").Write(Leaf, "lr: [0.01, 0.02]");
        Assert.Equal(0, study.Run("sweep").Code);
        study.Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\ndropout: 0.1\n");
        Assert.Contains($"stale    {Leaf}/trial_000", study.Run("status", "--trials").Output);
    }

    [Theory]
    [InlineData("[0.0, -0.0]")]
    [InlineData("[0, -0.0, 1]")]
    public void Zero_and_negative_zero_are_one_value(string axis)
    {
        using var study = new Study().Write("", "seed: 0\n").Write(Leaf, $"dropout: {axis}\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Matches("the same value|lists the value 0.0 more than once", output);
    }
}
