using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A mistake in asking for a figure is told in the words of who asked: the CLI's options (--band), the API's parameters (band=).</summary>
public sealed class FigureWordsTests
{
    private static string Message(Action act) => Assert.Throws<UsageException>(act).Message;

    [Theory]
    [InlineData("band", "--band bogus is not a band")]
    [InlineData("x", "--x time is not an axis")]
    [InlineData("smooth", "--smooth 2 is not from 0")]
    [InlineData("phase", "--phase test is not train, val or both")]
    [InlineData("range", "--from 500 is not before --to 100")]
    public void The_cli_is_told_its_options(string what, string words) =>
        Assert.StartsWith(words, Message(() => Bad(what, FigureWords.Command).Checked()));

    [Theory]
    [InlineData("band", "band=bogus is not a band")]
    [InlineData("x", "x=time is not an axis")]
    [InlineData("smooth", "smooth=2 is not from 0")]
    [InlineData("phase", "phase=test is not train, val or both")]
    [InlineData("range", "from=500 is not before to=100")]
    public void The_api_is_told_its_parameters(string what, string words)
    {
        var message = Message(() => Bad(what, FigureWords.Api).Checked());
        Assert.StartsWith(words, message);
        Assert.DoesNotContain("--", message);
    }

    private static FigureRequest Bad(string what, FigureWords words) => new FigureRequest([], "loss") { Words = words } with
    {
        Band = what == "band" ? "bogus" : "std", X = what == "x" ? "time" : "epoch", Smooth = what == "smooth" ? 2 : 0,
        Phases = what == "phase" ? ["test"] : ["train"], From = what == "range" ? 500 : null, To = what == "range" ? 100 : null,
    };

    [Fact]
    public void Sizes_and_type_sizes_name_the_option_or_the_parameter()
    {
        Assert.StartsWith("--width 3 is not a length", Message(() => FigureSize.Parse("3", "width", FigureWords.Command)));
        Assert.StartsWith("width=3 is not a length", Message(() => FigureSize.Parse("3", "width", FigureWords.Api)));
        Assert.StartsWith("--font-size 40", Message(() => FigureSize.ParseFont("40", FigureWords.Command)));
        Assert.StartsWith("font=40", Message(() => FigureSize.ParseFont("40", FigureWords.Api)));
    }

    [Fact]
    public void Axes_a_trial_cannot_draw_name_the_other_axis_as_who_asked_writes_it()
    {
        Assert.Equal("--x samples needs batch_size in the config of a/b/c/d/trial_000 (samples seen = train steps × batch_size); draw --x step instead",
            FigureErrors.NoBatchSize("a/b/c/d/trial_000", FigureWords.Command).Message);
        Assert.StartsWith("x=epochf needs the batches per epoch", FigureErrors.NoEpochSize("t", FigureWords.Api).Message);
        Assert.EndsWith("draw x=step instead", FigureErrors.NoEpochSize("t", FigureWords.Api).Message);
    }

    [Fact]
    public void A_figure_too_small_names_the_size_options_of_who_asked()
    {
        var f = new Figure("epoch", "loss", [new FigureLine("a", 0, false, [1, 2], [1.0, 2.0])]);
        var tiny = (FigureWords w) => new FigureSize(30, 30, 24) { Words = w };
        Assert.Contains("(--width, --height, --font-size)", Message(() => FigureLayout.Plan(f, tiny(FigureWords.Command))));
        var api = Message(() => FigureLayout.Plan(f, tiny(FigureWords.Api)));
        Assert.Contains("(width=, height=, font=)", api);
        Assert.DoesNotContain("--", api);
    }
}
