using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A legend's items flow into rows of the plot's width; no text passes it, however long a name is.</summary>
public sealed class LegendFlowTests
{
    private const double Fs = 8;

    [Fact]
    public void Short_items_share_rows_and_each_row_fits_the_width()
    {
        var items = Enumerable.Range(0, 12).Select(i => ($"lr=0.00{i}", true)).ToList();
        var (placed, rows, fs) = LegendFlow.Place(items, 200, Fs, 100);
        Assert.Equal(Fs, fs);
        Assert.InRange(rows, 2, 6);
        Assert.All(placed, p => Assert.True(p.Dx + Fs * LegendFlow.SampleEms + TextWidth.Of(p.Lines[0], fs) <= 200));
    }

    [Theory]
    [InlineData("model=logged, trainer=big, batch_size=64, log_samples=true, n_train=1000, lr=0.001, width=256")]
    [InlineData("sweep/cnn/adam channels=[16, 32], fc=64, lr=0.001, weight_decay=0.0001, schedule=cosine, warmup_steps=20")]
    public void An_item_wider_than_the_plot_is_wrapped_onto_rows_of_its_own_keeping_every_word(string name)
    {
        var (placed, rows, fs) = LegendFlow.Place([("lr:", false), (name, true), ("train", true)], 150, Fs, 1000);
        var wrapped = placed[1];
        Assert.True(wrapped.Lines.Count > 1);
        Assert.Equal(0, wrapped.Dx);
        Assert.All(wrapped.Lines, l => Assert.True(fs * LegendFlow.SampleEms + TextWidth.Of(l, fs) <= 150, l));
        Assert.Equal(name, string.Join(" ", wrapped.Lines));
        Assert.Equal(wrapped.Row + wrapped.Lines.Count, placed[2].Row); // the next item starts below it
        Assert.Equal(placed[2].Row + 1, rows);
    }

    [Theory]
    [InlineData("a_single_key_name_with_no_space_at_all=0.000000000123456789")]
    [InlineData("experiment/mnist/mlp/adam@hidden=256@lr=0.003@dropout=0.1")]
    public void A_word_wider_than_the_plot_ends_in_an_ellipsis_within_it(string name)
    {
        var lines = LegendFlow.Wrap(name, 80, Fs);
        Assert.Single(lines);
        Assert.EndsWith("…", lines[0]);
        Assert.True(TextWidth.Of(lines[0], Fs) <= 80);
        Assert.StartsWith(lines[0][..^1], name);
    }

    [Fact]
    public void The_type_shrinks_to_three_quarters_while_the_rows_pass_the_height_allowed()
    {
        var items = Enumerable.Range(0, 30).Select(i => ($"sweep/cnn/adam lr=0.00{i}", true)).ToList();
        var (_, rows, fs) = LegendFlow.Place(items, 200, Fs, 60);
        Assert.Equal(Fs * 0.75, fs);
        Assert.True(rows * fs * LegendFlow.RowEms > 60); // as small as it goes; the layout then says there is no room
        (_, _, fs) = LegendFlow.Place(items.Take(6).ToList(), 200, Fs, 60);
        Assert.Equal(Fs, fs);
    }
}
