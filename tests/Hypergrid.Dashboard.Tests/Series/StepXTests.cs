using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Series;

/// <summary>
/// The one rule for where a step bucket sits (the page's and the figure files'): a row at the end of its batch, a
/// bucket's mean at the mean of its rows' places and its last value at its last row's, on every axis drawn by step.
/// </summary>
public sealed class StepXTests
{
    private static readonly XScale Samples32 = new("samples", 32);
    private static readonly XScale Epochs5 = new("epochf", 1.0 / 5);

    [Theory]
    [InlineData("train", 0, 0, 32, 0.2)]     // the first train row: one batch done, 32 samples, a fifth of an epoch
    [InlineData("train", 4, 4, 160, 1.0)]    // the fifth batch of five ends epoch 1
    [InlineData("val", 5, 5, 160, 1.0)]      // a val pass after five train batches sits where epoch 1 ends
    [InlineData("val", 0, 0, 0, 0.0)]        // a val pass before any training
    public void A_row_sits_at_the_end_of_its_batch_on_every_axis(string phase, long step, double onStep, double samples, double epochs)
    {
        Assert.Equal(onStep, StepX.Of(phase, step, XScale.Step), 9);
        Assert.Equal(samples, StepX.Of(phase, step, Samples32), 9);
        Assert.Equal(epochs, StepX.Of(phase, step, Epochs5), 9);
    }

    /// <summary>Buckets of train rows 0-9 and 10-14 (the log ends there), and one with no row.</summary>
    private static StepBuckets Train() => new(
        new() { ["loss"] = [Rows(10), Rows(5), default] },
        At: [9, 14, null], MeanStep: [4.5, 12, null]);

    private static Summary Rows(int n) => new(0, 1, n, n, 1, 0, 0);

    [Theory]
    [InlineData("step", 1.0, 4.5, 9, 12, 14)]
    [InlineData("samples", 32.0, 5.5 * 32, 10 * 32, 13 * 32, 15 * 32)]
    [InlineData("epochf", 0.2, 5.5 / 5, 10 / 5.0, 13 / 5.0, 15 / 5.0)]
    public void A_buckets_mean_sits_at_the_middle_of_its_rows_and_its_last_value_at_its_last_row(string axis, double perStep, double mean0, double last0, double mean1, double last1)
    {
        var (mean, last) = StepX.Of(Train(), "train", new XScale(axis, perStep));
        Assert.Equal([mean0, mean1, null], mean.Select(v => v is { } d ? Math.Round(d, 9) : (double?)null));
        Assert.Equal([last0, last1, null], last.Select(v => v is { } d ? Math.Round(d, 9) : (double?)null));
    }

    [Fact]
    public void A_val_bucket_sits_where_its_passes_ran()
    {
        // Two passes of one bucket: after 10 train batches (two rows) and after 20 (one row).
        var val = new StepBuckets(new() { ["loss"] = [Rows(3)] }, At: [20], MeanStep: [(10 + 10 + 20) / 3.0]);
        var (mean, last) = StepX.Of(val, "val", Samples32);
        Assert.Equal(40.0 / 3 * 32, mean[0]!.Value, 9);
        Assert.Equal(20 * 32, last[0]);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("val")]
    public void A_logged_samples_column_places_a_bucket_at_its_rows_own_counts(string phase)
    {
        // Uneven batches: the count is the program's, not steps × batch size.
        var buckets = new StepBuckets(
            new() { ["loss"] = [Rows(2), default], [XScale.LoggedSamples] = [new Summary(32, 40, 72, 2, 32, 40, 0), default] },
            At: [1, null], MeanStep: [0.5, null]);
        var (mean, last) = StepX.Of(buckets, phase, new XScale("samples", 1, Logged: true));
        Assert.Equal([36.0, null], mean);
        Assert.Equal([40.0, null], last);
    }
}
