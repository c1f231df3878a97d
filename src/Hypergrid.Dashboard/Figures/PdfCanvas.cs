using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A one-page vector PDF (1.4) written directly: the drawing as one Flate-compressed content stream, text in Arimo
/// (Helvetica's widths) embedded as a subset of the glyphs drawn (<see cref="PdfFont"/>: camera-ready checks reject a
/// PDF with a font not embedded), bands through a 20%-opacity graphics state. A figure of lines and text is a few
/// kilobytes plus the font's glyphs (about 10 KB) and needs no library.
/// </summary>
public sealed class PdfCanvas : ICanvas
{
    private readonly StringBuilder ops = new();
    private readonly PdfFont font = new();
    private double height;
    private (double X, double Y, double W, double H) clipBox;

    public void Begin(double width, double height, (double X, double Y, double W, double H) clip)
    {
        this.height = height;
        clipBox = clip;
        Width = width;
    }

    private double Width { get; set; }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string color, double width, bool dashed, bool clip)
    {
        if (points.Count == 0) return;
        Clipped(clip, () =>
        {
            ops.Append(CultureInfo.InvariantCulture, $"{Rgb(color)} RG {N(width)} w {(dashed ? "[3 2] 0" : "[] 0")} d\n");
            Path(points);
            ops.Append("S\n");
        });
    }

    public void Polygon(IReadOnlyList<(double X, double Y)> points, string color, double opacity, bool clip)
    {
        if (points.Count == 0) return;
        Clipped(clip, () =>
        {
            ops.Append(CultureInfo.InvariantCulture, $"/Band gs {Rgb(color)} rg\n");
            Path(points);
            ops.Append("h f\n");
        });
    }

    public void Circle(double x, double y, double r, string color, bool hollow = false)
    {
        // Four Bézier quarters; k is the usual 0.5523 control distance.
        var (cx, cy, k) = (x, height - y, r * 0.5523);
        var paint = hollow ? $"{Rgb(color)} RG {N(PointMarks.HollowWidth)} w [] 0 d" : $"{Rgb(color)} rg";
        ops.Append(CultureInfo.InvariantCulture, $"{paint} {N(cx + r)} {N(cy)} m ");
        ops.Append(CultureInfo.InvariantCulture, $"{N(cx + r)} {N(cy + k)} {N(cx + k)} {N(cy + r)} {N(cx)} {N(cy + r)} c ");
        ops.Append(CultureInfo.InvariantCulture, $"{N(cx - k)} {N(cy + r)} {N(cx - r)} {N(cy + k)} {N(cx - r)} {N(cy)} c ");
        ops.Append(CultureInfo.InvariantCulture, $"{N(cx - r)} {N(cy - k)} {N(cx - k)} {N(cy - r)} {N(cx)} {N(cy - r)} c ");
        ops.Append(CultureInfo.InvariantCulture, $"{N(cx + k)} {N(cy - r)} {N(cx + r)} {N(cy - k)} {N(cx + r)} {N(cy)} c {(hollow ? "S" : "f")}\n");
    }

    public void Text(double x, double y, string text, double size, Anchor anchor, bool vertical = false, bool power = false)
    {
        var (b, sup) = power ? TextRuns.Split(text) : (text, null);
        var w = TextWidth.Of(b, size) + (sup is null ? 0 : TextWidth.Of(sup, size * TextRuns.SupScale));
        var shift = anchor switch { Anchor.Middle => w / 2, Anchor.End => w, _ => 0 };
        var (px, py) = vertical ? (x, height - y - shift) : (x - shift, height - y);
        var matrix = vertical ? $"0 1 -1 0 {N(px)} {N(py)}" : $"1 0 0 1 {N(px)} {N(py)}";
        ops.Append(CultureInfo.InvariantCulture, $"0 g BT /F1 {N(size)} Tf {matrix} Tm {font.Encode(b)} Tj");
        if (sup is not null) ops.Append(CultureInfo.InvariantCulture, $" /F1 {N(size * TextRuns.SupScale)} Tf {N(size * 0.35)} Ts {font.Encode(sup)} Tj 0 Ts");
        ops.Append(" ET\n");
    }

    public byte[] Finish()
    {
        byte[] content;
        using (var packed = new MemoryStream())
        {
            using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(Encoding.Latin1.GetBytes(ops.ToString()));
            content = packed.ToArray();
        }
        var objects = new List<byte[]>
        {
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {N(Width)} {N(height)}] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> /ExtGState << /Band 5 0 R >> >> >>"),
            Ascii($"<< /Length {content.Length} /Filter /FlateDecode >>\nstream\n").Concat(content).Concat(Ascii("\nendstream")).ToArray(),
            Ascii("<< /Type /ExtGState /ca 0.2 /CA 0.2 >>"),
            Ascii("<< /Producer (Hypergrid) >>"),
        };
        objects.AddRange(font.Objects(objects.Count + 1));
        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }
        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) table.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    private void Clipped(bool clip, Action draw)
    {
        ops.Append("q\n");
        if (clip) ops.Append(CultureInfo.InvariantCulture, $"{N(clipBox.X)} {N(height - clipBox.Y - clipBox.H)} {N(clipBox.W)} {N(clipBox.H)} re W n\n");
        draw();
        ops.Append("Q\n");
    }

    private void Path(IReadOnlyList<(double X, double Y)> points)
    {
        for (var i = 0; i < points.Count; i++)
            ops.Append(N(points[i].X)).Append(' ').Append(N(height - points[i].Y)).Append(i == 0 ? " m\n" : " l\n");
    }

    private static string Rgb(string hex)
    {
        double Part(int at) => Convert.ToInt32(hex.Substring(at, 2), 16) / 255.0;
        return $"{N(Part(1))} {N(Part(3))} {N(Part(5))}";
    }

    private static byte[] Ascii(string s) => Encoding.Latin1.GetBytes(s);

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
