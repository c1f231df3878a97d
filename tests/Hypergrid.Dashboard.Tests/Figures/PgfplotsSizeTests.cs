using System.Globalization;
using System.Text.RegularExpressions;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A pgfplots file set by pdflatex is the size asked for, its labels, tick labels and legend inside that box: a paper
/// reserves the box and nothing spills over the text around it. One compile measures several figures (\wd and \ht of
/// each \input, and the corners of what each draws before its box is set).
/// </summary>
public sealed class PgfplotsSizeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hg-pgfsize-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static readonly string LongName = "model=mlp, trainer=sgd, lr=0.1, momentum=0.9, hidden=[256]";

    public static TheoryData<string, string, string, double> Cases() => new()
    {
        { "column", "8.5cm", "6cm", 8 },
        { "narrow", "3.3in", "2.2in", 9 },
        { "long", "8.5cm", "7cm", 8 },
        { "page", "17cm", "10cm", 10 },
    };

    private static Figure Of(string name) => name switch
    {
        "long" => Curves(Enumerable.Range(0, 12).Select(i => LongName.Replace("0.1", $"0.{i + 1}")).ToList(), "val_acc (mean ± std over seeds of 5 seeds, every batch)"),
        "page" => Curves(Enumerable.Range(0, 50).Select(i => $"cnn/adam lr={i}e-4").ToList(), "loss") with { LogY = true },
        "narrow" => Curves(["0.001", "0.01", "0.1"], "train loss, mean ± std of 3 seeds") with { LegendTitle = "lr" },
        _ => Curves(["a", "b"], "loss"),
    };

    private static Figure Curves(List<string> names, string yLabel) =>
        new("train step (batches)", yLabel, names.SelectMany((n, i) => new[]
        {
            new FigureLine(n, i, false, [0, 1000, 2000], [2.0 + i, 1.0, 0.5]) { Lower = [1.5, 0.9, 0.4], Upper = [2.5 + i, 1.1, 0.6] },
            new FigureLine(n, i, true, [0, 1000, 2000], [2.2 + i, 1.2, 0.7]) { InLegend = false },
        }).ToList());

    [Fact]
    public void Each_file_is_the_width_and_height_asked_with_everything_it_draws_inside()
    {
        var doc = new System.Text.StringBuilder("\\documentclass{article}\n\\usepackage{pgfplots}\\pgfplotsset{compat=1.16}\n\\newsavebox\\hgbox\n\\begin{document}\n");
        foreach (var c in Cases())
        {
            var (name, w, h, fs) = ((string)c[0], (string)c[1], (string)c[2], (double)c[3]);
            var tex = System.Text.Encoding.UTF8.GetString(PgfplotsWriter.Write(Of(name), new FigureSize(FigureSize.Parse(w, "width"), FigureSize.Parse(h, "height"), fs)));
            // Before the line that sets the box: the corners of everything drawn so far, in the log.
            Assert.Contains(PgfplotsWriter.BoxLine, tex);
            tex = tex.Replace(PgfplotsWriter.BoxLine, "\\pgfpointanchor{current bounding box}{south west}\\pgfgetlastxy{\\hgx}{\\hgy}\\typeout{LOW " + name + " \\hgx\\space\\hgy}"
                + "\\pgfpointanchor{current bounding box}{north east}\\pgfgetlastxy{\\hgx}{\\hgy}\\typeout{HIGH " + name + " \\hgx\\space\\hgy}\n" + PgfplotsWriter.BoxLine);
            File.WriteAllText(Path.Combine(dir, name + ".tex"), tex);
            doc.Append(CultureInfo.InvariantCulture, $"\\sbox\\hgbox{{\\input{{{name}.tex}}}}\\typeout{{SIZE {name} \\the\\wd\\hgbox\\space\\the\\ht\\hgbox\\space\\the\\dp\\hgbox}}\n");
        }
        doc.Append("x\n\\end{document}\n");
        File.WriteAllText(Path.Combine(dir, "paper.tex"), doc.ToString());
        var (code, output) = Tool.Run("pdflatex", dir, "-interaction=nonstopmode", "-halt-on-error", "paper.tex");
        Assert.True(code == 0, output);
        var log = File.ReadAllText(Path.Combine(dir, "paper.log"));
        foreach (var c in Cases())
        {
            var (name, w, h) = ((string)c[0], FigureSize.Parse((string)c[1], "width") * 72.27 / 72, FigureSize.Parse((string)c[2], "height") * 72.27 / 72);
            var size = Numbers(log, "SIZE " + name);
            Assert.True(Math.Abs(size[0] - w) < 0.1 && Math.Abs(size[1] + size[2] - h) < 0.1, $"{name}: {size[0]} x {size[1]}+{size[2]} pt, asked {w:0.##} x {h:0.##}");
            var (low, high) = (Numbers(log, "LOW " + name), Numbers(log, "HIGH " + name));
            Assert.True(low[0] >= -0.5 && low[1] >= -0.5 && high[0] <= w + 0.5 && high[1] <= h + 0.5,
                $"{name}: drawn from ({low[0]}, {low[1]}) to ({high[0]}, {high[1]}) pt, outside 0..{w:0.##} x 0..{h:0.##}");
            // And it fills the box: no large margin left unused.
            Assert.True(high[0] - low[0] > 0.9 * w && high[1] - low[1] > 0.85 * h, $"{name}: drawn {high[0] - low[0]} x {high[1] - low[1]} in {w:0.##} x {h:0.##}");
        }
    }

    private static double[] Numbers(string log, string tag)
    {
        var m = Regex.Match(log, Regex.Escape(tag) + @" ([-\d.]+)pt ([-\d.]+)pt(?: ([-\d.]+)pt)?");
        Assert.True(m.Success, $"no '{tag}' in the log");
        return m.Groups.Values.Skip(1).Where(g => g.Success).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
    }
}
