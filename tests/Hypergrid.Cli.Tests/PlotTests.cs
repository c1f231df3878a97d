using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>hypergrid plot as a user runs it: a figure file from out/log, or a one-line mistake, exit 2 and no file.</summary>
public sealed class PlotTests
{
    private static Study WithLogs()
    {
        var study = new Study();
        for (var n = 0; n < 4; n++)
        {
            var dir = Path.Combine(study.Log, "sweep", "mnist", "mlp", "adam", $"trial_{n:D3}");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, TrialFiles.Config), $"mode: sweep\ndataset: mnist\nmodel: mlp\ntrainer: adam\nlr: {(n < 2 ? "0.1" : "0.01")}\nseed: {n % 2}\nbatch_size: 16\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), SampleLogs.BatchLog(1, 3, 5, 1 + n));
        }
        return study;
    }

    [Theory]
    [InlineData("figure.pdf", "%PDF-1.4")]
    [InlineData("figure.svg", "<svg ")]
    [InlineData("figure.tex", "% Hypergrid figure (pgfplots)")]
    public void Plot_writes_the_figure_its_extension_names(string file, string start)
    {
        using var study = WithLogs();
        var (code, output) = study.Run("plot", "--group", "--metric", "loss", "--where", "seed=0", "--where", "batch_size=16", "-o", file);
        Assert.True(code == 0, output);
        Assert.StartsWith(start, File.ReadAllText(Path.Combine(study.Root, file)));
        // Three epochs and no --x: the page's default axis, step (DefaultAxis).
        Assert.Contains($"wrote {file}: 2 line(s) of loss by step from 2 trial(s)", output);
    }

    [Theory]
    [InlineData("--width", "9", "--width 9 is not a length")]
    [InlineData("--x", "time", "--x time is not an axis")]
    [InlineData("--band", "wide", "--band wide is not a band")]
    [InlineData("--where", "lr=0.5", "no trial has lr=0.5; lr is")]
    [InlineData("--metric", "bleu", "trial_000: unknown metric bleu; this log has: ")]
    public void A_mistake_is_one_line_exit_2_and_no_file(string option, string value, string words)
    {
        using var study = WithLogs();
        var (code, output) = study.Run("plot", option, value, "-o", "figure.pdf");
        Assert.Equal(2, code);
        Assert.Contains(words, output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Path.Combine(study.Root, "figure.pdf")));
    }
}
