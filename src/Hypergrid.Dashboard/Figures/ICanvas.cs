namespace Hypergrid.Dashboard.Figures;

/// <summary>Where a text's anchor point is: its start, middle or end.</summary>
public enum Anchor { Start, Middle, End }

/// <summary>
/// What <see cref="FigureLayout"/> draws with, in points from the top left: SVG and PDF implement it, so the two files
/// of one figure have the same geometry.
/// </summary>
public interface ICanvas
{
    /// <summary>Begins a figure of this size; lines and bands drawn with clip stay inside the given rectangle.</summary>
    void Begin(double width, double height, (double X, double Y, double W, double H) clip);

    void Polyline(IReadOnlyList<(double X, double Y)> points, string color, double width, bool dashed, bool clip);

    void Polygon(IReadOnlyList<(double X, double Y)> points, string color, double opacity, bool clip);

    /// <summary>A dot; hollow: its outline only (a val point's mark, as its line is dashed), so a train dot under it shows.</summary>
    void Circle(double x, double y, double r, string color, bool hollow = false);

    /// <summary>
    /// Text on a baseline at (x, y); vertical: turned a quarter anticlockwise (read bottom to top). Power: a tick label
    /// whose part after '^' is a superscript (names from cfg/ and logs are never read so).
    /// </summary>
    /// <summary>A line's marks, dots of one radius and paint (a file may share their paint among them).</summary>
    void Marks(IReadOnlyList<(double X, double Y)> centres, double r, string color, bool hollow)
    {
        foreach (var (x, y) in centres) Circle(x, y, r, color, hollow);
    }

    void Text(double x, double y, string text, double size, Anchor anchor, bool vertical = false, bool power = false);

    byte[] Finish();
}
