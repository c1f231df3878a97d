using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Series;

/// <summary>
/// What one train step is on each axis, for a trial of the built-in models (batch_size and a train set) and for a
/// program's trial with and without a samples column; the batches per epoch from the log's own finished epochs.
/// </summary>
public sealed class XScaleTests
{
    [Fact]
    public void The_step_axis_needs_nothing() => Assert.Equal(XScale.Step, XScale.For("step", false, null, null).Scale);

    [Theory]
    [InlineData(true, 32.0, true, 1.0)]    // a program's own count wins over its batch_size
    [InlineData(true, null, true, 1.0)]    // a program that logs samples and no batch_size
    [InlineData(false, 32.0, false, 32.0)] // train steps × batch_size
    public void Samples_seen_are_the_logs_own_count_where_it_has_one_else_steps_times_batch_size(bool logs, double? batch, bool logged, double perStep)
    {
        var (scale, missing) = XScale.For("samples", logs, batch, null);
        Assert.Null(missing);
        Assert.Equal(new XScale("samples", perStep, logged), scale);
    }

    [Theory]
    [InlineData("samples", "batch_size")]
    [InlineData("epochf", "batches per epoch")]
    public void A_trial_that_does_not_say_is_not_placed_and_the_answer_says_what_it_lacks(string axis, string lacks) =>
        Assert.Equal((null, lacks), XScale.For(axis, false, null, null));

    [Fact]
    public void Epochs_are_train_steps_over_the_batches_per_epoch() =>
        Assert.Equal(new XScale("epochf", 0.125), XScale.For("epochf", false, 32, 8).Scale);

    [Fact]
    public void A_finished_log_counts_its_longest_epoch_so_an_uneven_last_epoch_does_not_shorten_the_others() =>
        Assert.Equal(10, XScale.BatchesPerEpoch([(1, 10), (2, 10), (3, 4)], finished: true, trainSamples: null, batchSize: null));

    [Fact]
    public void A_growing_log_does_not_count_the_epoch_it_is_in() =>
        Assert.Equal(10, XScale.BatchesPerEpoch([(1, 10), (2, 12)], finished: false, trainSamples: null, batchSize: null));

    [Theory]
    [InlineData(1000L, 32.0, 32.0)]  // in its first epoch: the train set over batch_size, the last short batch counted
    [InlineData(null, 32.0, null)]   // a program's trial in its first epoch: not known yet
    [InlineData(1000L, null, null)]
    public void Before_its_first_epoch_ends_a_trial_has_its_train_set_over_batch_size(long? trainSamples, double? batch, double? perEpoch) =>
        Assert.Equal(perEpoch, XScale.BatchesPerEpoch([(1, 3)], finished: false, trainSamples, batch));

    [Fact]
    public void A_finished_program_log_without_batch_size_has_its_own_rows_per_epoch() =>
        Assert.Equal(7, XScale.BatchesPerEpoch([(1, 7), (2, 7)], finished: true, trainSamples: null, batchSize: null));
}
