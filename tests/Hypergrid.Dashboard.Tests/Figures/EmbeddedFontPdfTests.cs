using System.Text;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// What a camera-ready check and a reader see of a figure PDF, asked of poppler: every font embedded (IEEE PDF
/// eXpress and ACM's TAPS reject one that is not), a subset; the text extracted is the text drawn, signs, dashes and
/// Greek included; and the glyphs are really drawn (the y label's strip of the rendered page is not blank).
/// </summary>
public sealed class EmbeddedFontPdfTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-font-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Poppler_finds_every_font_embedded_reads_back_the_labels_and_draws_their_glyphs()
    {
        var figure = new Figure("train step (batches)", "val_loss ± std – Δ≈0.1",
            [new FigureLine("α=0.1, μ=2 é", 0, false, [1, 2, 3], [1.0, 0.5, 0.25]), new FigureLine("β=0.3 −1 ×2", 1, true, [1, 2, 3], [0.9, 0.4, 0.2])])
        { LegendTitle = "σ" };
        File.WriteAllBytes(Path.Combine(dir, "figure.pdf"), FigureFile.Write(figure, FigureSize.Column, "pdf"));

        var (code, fonts) = Tool.Run("pdffonts", dir, "figure.pdf");
        Assert.True(code == 0, fonts);
        var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList(); // after the header and its rule
        Assert.NotEmpty(rows);
        // name, type (two words), encoding, then emb sub uni: all yes.
        Assert.All(rows, r => Assert.Matches(@"^[A-Z]{6}\+Arimo\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s", r));

        var (_, text) = Tool.Run("pdftotext", dir, "figure.pdf", "-");
        foreach (var label in new[] { "val_loss ± std – Δ≈0.1", "α=0.1, μ=2 é", "β=0.3 −1 ×2", "σ", "train step (batches)" })
            Assert.Contains(label, text);

        Assert.Equal(0, Tool.Run("pdftoppm", dir, "-gray", "-r", "72", "figure.pdf", "page").Code);
        var (width, height, pixels) = Pgm(File.ReadAllBytes(Directory.GetFiles(dir, "page*.pgm").Single()));
        // The y label is set upright along the left edge, left of the tick labels: ink there is its glyphs.
        var dark = 0;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < 8; x++) if (pixels[y * width + x] < 128) dark++;
        Assert.True(dark > 40, $"{dark} dark pixels where the y label is drawn");
    }

    private static (int Width, int Height, byte[] Pixels) Pgm(byte[] file)
    {
        // "P5\n<w> <h>\n255\n" then one byte per pixel.
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)file[at])) at++;
            var start = at;
            while (!char.IsWhiteSpace((char)file[at])) at++;
            fields.Add(Encoding.ASCII.GetString(file, start, at - start));
        }
        var (w, h) = (int.Parse(fields[1]), int.Parse(fields[2]));
        return (w, h, file[(at + 1)..]);
    }
}
