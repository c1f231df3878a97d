using System.Globalization;
using System.Text.Json;
using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>hypergrid plot results as a user runs it after a real sweep: the report's groups as points, or a one-line mistake, exit 2 and no file.</summary>
public sealed class PlotResultsTests
{
    [Fact]
    public void The_results_figure_of_a_real_sweep_has_each_groups_report_mean_at_its_lr()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [[8]]\nbatch_size: 64\n")
            .Write("sweep/synthetic/mlp/adam", "lr: [0.0003, 0.01]\n");
        Assert.Equal(0, study.Run("sweep").Code);
        var (code, json) = study.Run("report", "--metric", "val_loss", "--format", "json");
        Assert.True(code == 0, json);
        var groups = JsonDocument.Parse(json).RootElement.GetProperty("sections")[0].GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("values").GetProperty("lr").GetDouble(), g => (Mean: g.GetProperty("mean").GetDouble(), Best: g.GetProperty("best").GetBoolean()));

        var (plotCode, output) = study.Run("plot", "results", "--metric", "val_loss", "--key", "lr", "-o", "results.tex");
        Assert.True(plotCode == 0, output);
        Assert.Contains("wrote results.tex: 2 group(s) of val_loss by lr", output);
        var tex = File.ReadAllText(Path.Combine(study.Root, "results.tex"));
        var plots = tex.Split("\\addplot[").Skip(1).Select(p => (Ringed: p.Contains("draw=black"),
            Row: p.Split("] {\n", 2)[1].Split("\\\\")[1].Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())).ToList();
        Assert.Equal(2, plots.Count);
        foreach (var (ringed, row) in plots)
        {
            Assert.Equal(groups[row[0]].Mean, row[1], 5); // the pgfplots file holds 6 significant digits
            Assert.Equal(groups[row[0]].Best, ringed);
        }
        Assert.Equal(2, study.Run("plot", "results", "--metric", "val_loss", "--section", "nowhere", "-o", "other.pdf").Code);
        Assert.False(File.Exists(Path.Combine(study.Root, "other.pdf")));
    }

    [Theory]
    [InlineData("--error-bars", "sem", "--error-bars sem is not a kind of error bar")]
    [InlineData("--format", "png", "'png' is not a figure format")]
    [InlineData("--width", "9", "--width 9 is not a length")]
    public void A_mistake_is_one_line_exit_2_and_no_file(string option, string value, string words)
    {
        using var study = new Study();
        var (code, output) = study.Run("plot", "results", option, value, "-o", "results.pdf");
        Assert.Equal(2, code);
        Assert.Contains(words, output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Path.Combine(study.Root, "results.pdf")));
    }
}
