using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A pgfplots legend's columns are chosen from its entries' widths so its table fits the figure's width.</summary>
public sealed class PgfplotsLegendTests
{
    private const double Fs = 8;
    private const double Width = 241; // 8.5 cm

    private static double TableWidth(List<List<string>> entries, int columns) =>
        Enumerable.Range(0, columns).Sum(c => entries.Where((_, i) => i % columns == c)
            .Max(e => e.Max(l => TextWidth.Of(l, Fs)) + PgfplotsLegend.SampleWidth(Fs) + PgfplotsLegend.Gap(Fs)));

    [Theory]
    [InlineData(18, "sweep/cnn/adam lr=0.00")]
    [InlineData(8, "lr=0.0")]
    [InlineData(3, "model=logged, trainer=big, batch_size=64, log_samples=true, n_train=100")]
    public void The_most_columns_that_fit_the_width_and_no_more(int count, string stem)
    {
        var entries = PgfplotsLegend.Lines(Enumerable.Range(0, count).Select(i => stem + i).ToList(), Width, Fs);
        var columns = PgfplotsLegend.Columns(entries.Select(e => (IReadOnlyList<string>)e).ToList(), Width, Fs);
        Assert.True(columns == 1 || TableWidth(entries, columns) <= Width, $"{columns} columns");
        if (columns < count) Assert.True(TableWidth(entries, columns + 1) > Width / 1.08, $"{columns + 1} columns would fit too");
    }

    [Fact]
    public void Short_values_take_several_columns_and_long_names_one()
    {
        var shortOnes = PgfplotsLegend.Lines(["lr:", "0.001", "0.01", "0.1", "train", "val"], Width, Fs);
        Assert.True(PgfplotsLegend.Columns(shortOnes.Select(e => (IReadOnlyList<string>)e).ToList(), Width, Fs) >= 4);
        var longOnes = PgfplotsLegend.Lines(["model=logged, trainer=big, batch_size=64, log_samples=true, n_train=1000", "model=plain, trainer=small"], Width, Fs);
        Assert.True(longOnes[0].Count > 1); // wrapped onto lines that fit beside the line sample
        Assert.Equal(1, PgfplotsLegend.Columns(longOnes.Select(e => (IReadOnlyList<string>)e).ToList(), Width, Fs));
    }
}
