using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A point mark says its phase as a line's dash does: train filled, val hollow, in the SVG, PDF and pgfplots alike, and
/// the legend's samples show the marks when the lines are only marks (audit 5's defect 2: a one-epoch study by epoch
/// drew train and val as the same filled dot under a legend of "train solid, val dashed" that named nothing drawn).
/// </summary>
public sealed class PhaseMarksTests : IDisposable
{
    private const string Leaf = "experiment/clusters/softmax/sgd";
    private readonly LogTree tree = new();

    public PhaseMarksTests()
    {
        for (var n = 0; n < 2; n++)
        {
            var sb = new StringBuilder("epoch,mode,batch,loss,acc\n");
            for (var b = 0; b < 16; b++) sb.Append(CultureInfo.InvariantCulture, $"1,train,{b},{1.4 - b * 0.07},{0.2 + b * 0.05}\n");
            sb.Append(CultureInfo.InvariantCulture, $"1,val,0,0.44,{0.9 + n * 0.03}\n");
            File.WriteAllText(Path.Combine(tree.AddTrial($"{Leaf}/trial_{n:D3}", $"seed: {n}\nbatch_size: 32\n"), TrialFiles.BatchLog), sb.ToString());
        }
    }

    public void Dispose() => tree.Dispose();

    private async Task<string> Write(string format, bool group = false)
    {
        var trials = FigureTrials.Under(new TrialScanner(tree.Log));
        var request = new FigureRequest([], "acc") { X = "epoch", Group = group, Format = format };
        var figure = await new FigureBuilder(new SeriesStore(tree.Log), new EpochLogStore(tree.Log)).BuildAsync(trials, request);
        return Encoding.Latin1.GetString(FigureFile.Write(figure, request.Size, format));
    }

    /// <summary>A circle's paint: its own, or that of the group of its line's marks.</summary>
    internal static string? Paint(XElement c, string name) => c.Attribute(name)?.Value ?? c.Parent?.Attribute(name)?.Value;

    [Fact]
    public async Task By_epoch_a_one_epoch_studys_val_marks_are_hollow_and_its_train_marks_filled_in_the_svg_with_the_legend_showing_both()
    {
        var circles = XDocument.Parse(await Write("svg")).Descendants().Where(e => e.Name.LocalName == "circle").ToList();
        var hollow = circles.Where(c => Paint(c, "fill") == "none").ToList();
        var filled = circles.Where(c => Paint(c, "fill") != "none").ToList();
        // Two trials: a val mark each (hollow) and the legend's val sample; a train mark each, both trials' legend dots and the train sample.
        Assert.Equal(3, hollow.Count);
        Assert.All(hollow, c => Assert.NotNull(Paint(c, "stroke")));
        Assert.Equal(5, filled.Count);
        Assert.Contains(hollow, c => Paint(c, "stroke") == "#000000"); // the legend's val sample
        Assert.Contains(filled, c => Paint(c, "fill") == "#000000");   // the legend's train sample
    }

    [Fact]
    public async Task The_pdf_strokes_the_val_marks_and_fills_the_train_marks()
    {
        var pdf = await Write("pdf");
        var at = pdf.IndexOf("stream\n", pdf.IndexOf("/FlateDecode", StringComparison.Ordinal), StringComparison.Ordinal) + "stream\n".Length;
        var end = pdf.IndexOf("\nendstream", at, StringComparison.Ordinal);
        using var z = new ZLibStream(new MemoryStream(Encoding.Latin1.GetBytes(pdf[at..end])), CompressionMode.Decompress);
        var ops = new StreamReader(z, Encoding.Latin1).ReadToEnd();
        // A circle is four Bézier quarters ended by f (filled) or S (stroked).
        Assert.Equal(3, ops.Split(" c S\n").Length - 1);
        Assert.Equal(5, ops.Split(" c f\n").Length - 1);
    }

    [Fact]
    public async Task The_pgfplots_file_marks_val_with_an_open_circle_and_train_with_a_filled_one()
    {
        var tex = await Write("tex", group: true);
        var plots = TexTables.Read(tex).Where(p => !p.IsBand).ToList();
        Assert.Contains("mark=o", plots.Single(p => p.Options.Contains("dashed")).Options);
        Assert.Contains("mark=*", plots.Single(p => !p.Options.Contains("dashed")).Options);
        // The legend's train and val samples are a filled and an open circle, not two strokes.
        Assert.Contains("\\draw[black, line width=0.6bp]", tex);
        Assert.DoesNotContain("dash pattern", tex);
        var dir = Directory.CreateTempSubdirectory("hypergrid-phase-marks-").FullName;
        try { Tool.Typeset(dir, tex); }
        finally { Directory.Delete(dir, true); }
    }
}
