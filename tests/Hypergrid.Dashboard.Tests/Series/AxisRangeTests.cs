using System.Text;
using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Series;

/// <summary>
/// A range of an x axis drawn by step, in its own units, is each trial's own steps: exactly the rows whose place
/// (<see cref="StepX"/>, the rule every bucket is drawn by) lies in [from, to), whatever the batch size, the phase, a
/// logged samples column or a last short batch.
/// </summary>
public sealed class AxisRangeTests
{
    /// <summary>A log of `epochs` epochs of `batches` train rows, each followed by a val pass of `val` rows; with samples, the program's own counts.</summary>
    private static StepLog Log(int epochs, int batches, int val = 1, Func<int, double>? samples = null)
    {
        var csv = new StringBuilder("epoch,mode,batch,loss" + (samples is null ? "" : ",samples") + "\n");
        var step = 0;
        for (var e = 1; e <= epochs; e++)
        {
            for (var b = 0; b < batches; b++, step++) csv.Append($"{e},train,{b},1{(samples is null ? "" : $",{samples(step)}")}\n");
            for (var b = 0; b < val; b++) csv.Append($"{e},val,{b},1{(samples is null ? "" : $",{samples(step - 1)}")}\n");
        }
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, csv.ToString());
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var log = new StepLog();
            Assert.True(log.Refresh(stream, samples is null ? ["loss"] : ["loss", XScale.LoggedSamples]));
            return log;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every step of the log whose row of the phase sits in [from, to) by the placement rule itself.</summary>
    private static (int From, int To) ByPlaces(StepLog log, string phase, double from, double to, XScale scale)
    {
        var steps = Enumerable.Range(0, log.Extent).Where(s => log.RowsAt(phase, s, s + 1) is var (lo, hi) && hi > lo)
            .Where(s => StepX.Of(phase, s, scale) >= from && StepX.Of(phase, s, scale) < to).ToList();
        return steps.Count == 0 ? (-1, -1) : (steps[0], steps[^1] + 1);
    }

    private static int RowsIn(StepLog log, string phase, (int From, int To) steps) => log.RowsAt(phase, steps.From, steps.To) is var (lo, hi) ? hi - lo : 0;

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void A_samples_range_is_each_batch_sizes_own_train_steps(int batchSize)
    {
        // 2 epochs of 64 batches; the audit's drag of 570-870 samples seen.
        var log = Log(2, 64);
        var scale = new XScale("samples", batchSize);
        var steps = AxisRange.Steps(log, "train", 570, 870, scale);
        Assert.Equal(ByPlaces(log, "train", 570, 870, scale), steps);
        // A train row at step s has seen (s + 1) × batch_size samples.
        Assert.Equal((int)Math.Ceiling(570.0 / batchSize) - 1, steps.From);
        Assert.Equal((int)Math.Ceiling(870.0 / batchSize) - 1, steps.To);
    }

    [Theory]
    [InlineData(16, 0.25, 0.5)]
    [InlineData(32, 0.25, 0.5)]
    [InlineData(64, 0.25, 0.5)]
    [InlineData(64, 0.3, 1.7)]
    [InlineData(32, 1, 2)]
    public void An_epochs_range_is_each_trials_own_steps_however_its_scale_rounds(int batchesPerEpoch, double from, double to)
    {
        var log = Log(2, batchesPerEpoch);
        var scale = new XScale("epochf", 1.0 / batchesPerEpoch);
        foreach (var phase in new[] { "train", "val" })
        {
            var steps = AxisRange.Steps(log, phase, from, to, scale);
            var exact = ByPlaces(log, phase, from, to, scale);
            if (exact.From < 0) Assert.Equal(0, RowsIn(log, phase, steps));
            else Assert.Equal(RowsIn(log, phase, exact), RowsIn(log, phase, steps));
            // No row of the steps found sits outside the range.
            for (var s = steps.From; s < steps.To; s++)
                if (RowsIn(log, phase, (s, s + 1)) > 0) Assert.InRange(StepX.Of(phase, s, scale), from, Math.BitDecrement(to));
        }
    }

    [Fact]
    public void A_val_pass_is_in_a_range_by_the_train_batches_done_when_it_ran()
    {
        // 2 epochs of 32 batches of 16: the val passes ran after 32 and 64 train batches (512 and 1024 samples).
        var log = Log(2, 32, val: 3);
        var scale = new XScale("samples", 16);
        Assert.Equal(3, RowsIn(log, "val", AxisRange.Steps(log, "val", 500, 600, scale)));
        Assert.Equal(0, RowsIn(log, "val", AxisRange.Steps(log, "val", 513, 1024, scale)));
        Assert.Equal(6, RowsIn(log, "val", AxisRange.Steps(log, "val", 512, 1025, scale)));
        // The audit's drag over steps 12-24 of one batch size: no val pass is inside, none is drawn.
        Assert.Equal(0, RowsIn(log, "val", AxisRange.Steps(log, "val", 12, 24, XScale.Step)));
        Assert.Equal((12, 24), AxisRange.Steps(log, "train", 12, 24, XScale.Step));
        // Decimals on the step axis: the steps at or after each end.
        Assert.Equal((13, 25), AxisRange.Steps(log, "train", 12.5, 24.5, XScale.Step));
    }

    [Fact]
    public void A_logged_samples_column_places_the_rows_by_its_counts_and_its_last_short_batch_is_exact()
    {
        // 10,000 samples in batches of 64: 156 full batches and a last one of 16; the val pass logs the count it ran at.
        var log = Log(2, 157, val: 2, samples: s => s % 157 == 156 ? (s / 157 + 1) * 10_000 : (s / 157) * 10_000 + (s % 157 + 1) * 64);
        var scale = new XScale("samples", 1, Logged: true);
        Assert.Equal((156, 157), AxisRange.Steps(log, "train", 9_985, 10_000.5, scale));
        Assert.Equal((155, 156), AxisRange.Steps(log, "train", 9_984, 9_985, scale));
        Assert.Equal(2, RowsIn(log, "val", AxisRange.Steps(log, "val", 9_999, 10_001, scale)));
        Assert.Equal(0, RowsIn(log, "val", AxisRange.Steps(log, "val", 10_001, 19_999, scale)));
        // The whole range and no range.
        Assert.Equal((0, 314), AxisRange.Steps(log, "train", null, null, scale));
        Assert.Equal(0, RowsIn(log, "train", AxisRange.Steps(log, "train", 30_000, 40_000, scale)));
    }

    [Fact]
    public void An_epochs_range_over_a_last_short_batch_counts_it_as_a_whole_batch_of_its_epoch()
    {
        // The log's 157 rows per epoch (the last short): epoch 2 is steps 157-313, [1, 2) is exactly its rows but its last.
        var log = Log(2, 157);
        var scale = new XScale("epochf", 1.0 / 157);
        Assert.Equal((156, 313), AxisRange.Steps(log, "train", 1, 2, scale));
    }

    [Fact]
    public void A_range_past_the_log_is_empty_and_a_range_before_it_starts_at_its_first_row()
    {
        var log = Log(1, 10);
        Assert.Equal(0, RowsIn(log, "train", AxisRange.Steps(log, "train", 1e6, 2e6, new XScale("samples", 32))));
        Assert.Equal((0, 3), AxisRange.Steps(log, "train", 0, 128, new XScale("samples", 32)));
        Assert.Equal(10, RowsIn(log, "train", AxisRange.Steps(log, "train", 0, 1e300, new XScale("samples", 32))));
    }
}
