using System.Globalization;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// An SVG figure sized in points (width="241pt"), one polyline per line, coordinates to a
/// tenth of a point: 50 bucketed curves stay a few hundred kilobytes. Every name is XML text, escaped; characters XML
/// cannot hold are dropped. The plot's clip path is named by a hash of the figure's content ("plot-1a2b3c4d5e6f"), so
/// two figures inlined in one HTML page do not clip each other's lines (ids are global to a page).
/// </summary>
public sealed class SvgCanvas : ICanvas
{
    private readonly StringBuilder svg = new();

    // Stands for the clip path's id until the content that names it is known.
    private const string ClipId = "\u0001clip\u0001";

    public void Begin(double width, double height, (double X, double Y, double W, double H) clip)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}pt\" height=\"{N(height)}pt\" viewBox=\"0 0 {N(width)} {N(height)}\" ");
        svg.Append("font-family=\"Helvetica, Arial, Arimo, 'Liberation Sans', sans-serif\" stroke-linejoin=\"round\" stroke-linecap=\"butt\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<defs><clipPath id=\"{ClipId}\"><rect x=\"{N(clip.X)}\" y=\"{N(clip.Y)}\" width=\"{N(clip.W)}\" height=\"{N(clip.H)}\"/></clipPath></defs>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string color, double width, bool dashed, bool clip)
    {
        svg.Append("<polyline points=\"");
        Points(points);
        svg.Append(CultureInfo.InvariantCulture, $"\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{N(width)}\"");
        if (dashed) svg.Append(" stroke-dasharray=\"3 2\"");
        svg.Append(clip ? $" clip-path=\"url(#{ClipId})\"/>\n" : "/>\n");
    }

    public void Polygon(IReadOnlyList<(double X, double Y)> points, string color, double opacity, bool clip)
    {
        svg.Append("<polygon points=\"");
        Points(points);
        svg.Append(CultureInfo.InvariantCulture, $"\" fill=\"{color}\" fill-opacity=\"{N(opacity)}\" stroke=\"none\"");
        svg.Append(clip ? $" clip-path=\"url(#{ClipId})\"/>\n" : "/>\n");
    }

    public void Circle(double x, double y, double r, string color, bool hollow = false)
    {
        var paint = hollow ? $"fill=\"none\" stroke=\"{color}\" stroke-width=\"{N(PointMarks.HollowWidth)}\"" : $"fill=\"{color}\"";
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" {paint}/>\n");
    }

    /// <summary>A line's marks in one group that holds their paint: 50 curves' val passes stay small.</summary>
    public void Marks(IReadOnlyList<(double X, double Y)> centres, double r, string color, bool hollow)
    {
        if (centres.Count == 0) return;
        var paint = hollow ? $"fill=\"none\" stroke=\"{color}\" stroke-width=\"{N(PointMarks.HollowWidth)}\"" : $"fill=\"{color}\"";
        svg.Append(CultureInfo.InvariantCulture, $"<g {paint}>");
        foreach (var (x, y) in centres) svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\"/>");
        svg.Append("</g>\n");
    }

    public void Text(double x, double y, string text, double size, Anchor anchor, bool vertical = false, bool power = false)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\"");
        if (anchor != Anchor.Start) svg.Append(anchor == Anchor.Middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"");
        if (vertical) svg.Append(CultureInfo.InvariantCulture, $" transform=\"rotate(-90 {N(x)} {N(y)})\"");
        svg.Append('>');
        var (b, sup) = power ? TextRuns.Split(text) : (text, null);
        svg.Append(Escape(b));
        if (sup is not null) svg.Append(CultureInfo.InvariantCulture, $"<tspan dy=\"{N(-size * 0.35)}\" font-size=\"{N(size * TextRuns.SupScale)}\">{Escape(sup)}</tspan>");
        svg.Append("</text>\n");
    }

    public byte[] Finish()
    {
        var text = svg.Append("</svg>\n").ToString();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return Encoding.UTF8.GetBytes(text.Replace(ClipId, "plot-" + hash, StringComparison.Ordinal));
    }

    /// <summary>Text as XML character data: markup characters escaped, characters XML 1.0 cannot hold dropped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < ' ' && c is not '\t' || c is '\uFFFE' or '\uFFFF') continue;
            sb.Append(c switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        }
        return sb.ToString();
    }

    private void Points(IReadOnlyList<(double X, double Y)> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0) svg.Append(' ');
            svg.Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }
    }

    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
