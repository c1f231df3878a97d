using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>Rows sit at the end of their batch on the samples and epoch-fraction axes; the label says which count is drawn.</summary>
public sealed class SampleAxisTests
{
    [Theory]
    [InlineData(0, 64, 64)]      // the first train row has seen one batch: a cumulative count's first value
    [InlineData(9, 64, 640)]
    [InlineData(4, 0.2, 1.0)]    // the fifth batch of five ends epoch 1
    public void A_train_row_has_seen_its_own_batch(long step, double perStep, double x) =>
        Assert.Equal(x, SampleAxis.TrainX(step, "samples", perStep), 9);

    [Theory]
    [InlineData(10, 64, 640)]    // a val pass after ten train batches
    [InlineData(5, 0.2, 1.0)]    // after epoch 1 of five batches
    public void A_val_row_has_seen_the_train_batches_before_it(long step, double perStep, double x) =>
        Assert.Equal(x, SampleAxis.ValX(step, "samples", perStep), 9);

    [Fact]
    public void The_step_axis_is_the_step_itself() => Assert.Equal(7, SampleAxis.TrainX(7, "step", 64));

    [Theory]
    [InlineData(3, 3, "samples seen (logged)")]
    [InlineData(0, 3, "samples seen (train steps × batch size)")]
    [InlineData(1, 3, "samples seen")]
    public void The_label_names_the_count_every_line_uses(int logged, int lines, string label) =>
        Assert.Equal(label, SampleAxis.SamplesLabel(logged, lines));
}
