using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// NaN and infinities as programs write them (python: nan, inf; .NET: NaN, Infinity) are kept by every reduction and
/// through epoch_log.csv, never dropped or mistaken for an empty cell; large finite values do not overflow a mean.
/// </summary>
public sealed class NonFiniteValueTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-nonfinite-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    // The epoch table as a finished trial's readers get it: built from batch_log.csv, written to epoch_log.csv, read back.
    private EpochTable Both(string batchLog, out EpochTable fromFile)
    {
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), batchLog);
        var built = EpochLogFile.Load(dir, dir)!.Value.Table;
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.EpochLog), DateTime.UtcNow.AddMinutes(1));
        var read = EpochLogFile.Load(dir, dir)!.Value;
        Assert.Equal(TrialFiles.EpochLog, read.Source);
        fromFile = read.Table;
        return built;
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("nan", double.NaN)]
    [InlineData("NaN", double.NaN)]
    public void A_non_finite_cell_is_kept_by_a_mean_a_median_a_max_and_a_last_of_any_column(string cell, double expected)
    {
        // acc: mean, grad_norm: median, time: max, lr: last, top5: a program's own column (mean).
        var log = "epoch,mode,batch,time,acc,lr,grad_norm,top5\n" +
                  $"1,train,0,0.5,0.5,0.1,1,0.5\n1,train,1,{cell},{cell},{cell},{cell},{cell}\n";
        var built = Both(log, out var read);
        foreach (var table in new[] { built, read })
            foreach (var column in new[] { "time", "acc", "lr", "grad_norm", "top5" })
            {
                var want = column == "time" ? Math.Max(0.5, expected) : expected; // the max of 0.5 and -inf is 0.5; with NaN it is NaN
                var v = table.Get(0, column);
                Assert.True(v is { } x && (double.IsNaN(want) ? double.IsNaN(x) : x == want), $"{column} is {v}, not {want}");
            }
    }

    [Theory]
    [InlineData("1e308", "1e308")]
    [InlineData("-1.7e308", "-1.7e308")]
    [InlineData("1.7976931348623157e308", "1e308")]
    public void The_mean_of_large_finite_values_is_finite(string a, string b)
    {
        var built = Both($"epoch,mode,batch,loss\n1,train,0,{a}\n1,train,1,{b}\n", out var read);
        var expected = (double.Parse(a, System.Globalization.CultureInfo.InvariantCulture) / 2) + (double.Parse(b, System.Globalization.CultureInfo.InvariantCulture) / 2);
        Assert.Equal(expected, built.Get(0, "loss")!.Value, Math.Abs(expected) * 1e-15);
        Assert.Equal(built.Get(0, "loss"), read.Get(0, "loss"));
    }

    [Fact]
    public void An_empty_cell_is_no_value_and_a_nan_cell_is_nan()
    {
        var built = Both("epoch,mode,batch,loss,acc\n1,val,0,nan,\n", out var read);
        foreach (var table in new[] { built, read })
        {
            Assert.True(double.IsNaN(table.Get(0, "loss")!.Value));
            Assert.Null(table.Get(0, "acc"));
        }
        Assert.Contains("1,val,NaN,,1", File.ReadAllText(Path.Combine(dir, TrialFiles.EpochLog)));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("NaN")]
    public void A_last_val_loss_that_is_not_finite_is_the_final_value_and_the_trial_diverged(string cell)
    {
        // Epoch 1's val loss (0.1) is better than any other: the last epoch's, not it, is the trial's final value.
        var table = EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(
            $"epoch,mode,batch,loss,acc\n1,train,0,1,0.5\n1,val,0,0.1,0.9\n2,train,0,{cell},0.1\n2,val,0,{cell},0.1\n"))!;
        Assert.True(table.Diverged);
        Assert.False(double.IsFinite(table.FinalMetrics()["val_loss"]!.Value));
        Assert.False(double.IsFinite(table.Value("val", "loss", "final", "min")!.Value));
        // A best is never taken from a trial whose last value is not finite.
        Assert.False(double.IsFinite(table.Value("val", "loss", "best", "min")!.Value));
        // Up to the first epoch (a search rung there) it had not diverged.
        Assert.Equal(0.1, table.Value("val", "loss", "final", "min", upTo: 1));
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss\n1,val,0,1\n2,val,0,0.5\n")]
    [InlineData("epoch,mode,batch,loss\n1,train,0,nan\n2,train,0,0.5\n")]
    [InlineData("epoch,mode,batch,loss,acc\n1,val,0,0.5,nan\n")]
    public void A_trial_whose_last_loss_is_finite_did_not_diverge(string log) =>
        Assert.False(EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(log))!.Diverged);

    [Fact]
    public void A_best_skips_non_finite_epochs_before_a_finite_last_one()
    {
        var table = EpochAggregator.FromBytes(Encoding.UTF8.GetBytes("epoch,mode,batch,acc\n1,val,0,inf\n2,val,0,0.5\n3,val,0,0.7\n"))!;
        Assert.Equal(0.7, table.Value("val", "acc", "best", "max"));
    }

    [Theory]
    [InlineData(new[] { 1e308, 1e308 }, 1e308)]
    [InlineData(new[] { -1e308, -1e308, -1e308 }, -1e308)]
    [InlineData(new[] { 1.5, 2.5 }, 2.0)]
    [InlineData(new[] { 1e308, double.PositiveInfinity }, double.PositiveInfinity)]
    [InlineData(new[] { double.PositiveInfinity, double.NegativeInfinity }, double.NaN)]
    public void A_scaled_sum_gives_the_mean_without_overflow(double[] values, double mean) =>
        Assert.Equal(mean, ScaledSum.Mean(values));
}
