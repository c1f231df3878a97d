using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>The samples axis's label says which count is drawn (where a row sits: StepXTests).</summary>
public sealed class SampleAxisTests
{
    [Theory]
    [InlineData(3, 3, "samples seen (logged)")]
    [InlineData(0, 3, "samples seen (train steps × batch size)")]
    [InlineData(1, 3, "samples seen")]
    public void The_label_names_the_count_every_line_uses(int logged, int lines, string label) =>
        Assert.Equal(label, SampleAxis.SamplesLabel(logged, lines));
}
