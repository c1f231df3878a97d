using System.Globalization;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// What a figure of curves shows, as `hypergrid plot` and GET /api/figure ask for it: the trials (paths under out/log),
/// one metric, the phases, the x axis (epoch, step or samples), whether seeds are grouped and with which band, a log
/// y axis, the page's smoothing, a step range, the size and the file format.
/// </summary>
public sealed record FigureRequest(IReadOnlyList<string> Trials, string Metric)
{
    public static readonly string[] Axes = ["epoch", "step", "samples", "epochf"];
    public static readonly string[] Bands = ["std", "range", "none"];
    public static readonly string[] Formats = ["svg", "pdf", "tex"];

    public IReadOnlyList<string> Phases { get; init; } = ["train", "val"];
    public string X { get; init; } = "epoch";
    public bool Group { get; init; }
    public string Band { get; init; } = "std";
    public bool LogY { get; init; }
    public double Smooth { get; init; }
    /// <summary>The first x drawn, in the axis's units (train steps, samples seen, epochs).</summary>
    public double? From { get; init; }

    /// <summary>The x after the last drawn, in the axis's units: rows placed in [From, To) are drawn.</summary>
    public double? To { get; init; }
    public FigureSize Size { get; init; } = FigureSize.Column;
    public string Format { get; init; } = "svg";

    /// <summary>Who asked: a mistake names their option (--band) or parameter (band=).</summary>
    public FigureWords Words { get; init; } = FigureWords.Command;

    /// <summary>
    /// Each trial's place in the page's colour rule, in the order of the trials drawn (null: coloured among themselves,
    /// as `hypergrid plot` does): the page's figure of the part of its selection it draws takes the page's colours.
    /// </summary>
    public IReadOnlyList<ColorPlace>? Places { get; init; }

    /// <summary>
    /// Step buckets: one per 3 points of width (about 1 mm, finer than a printed line can show), the same in every
    /// format: 50 curves with bands stay small as SVG and within pdflatex's memory as pgfplots.
    /// </summary>
    public int Points => Math.Max(50, (int)(Size.Width / 3));

    /// <summary>
    /// About the most coordinates a pgfplots file's curves and bands hold together: pdflatex's time grows with them
    /// (about 0.3 ms of CPU each on a 2-core AMD EPYC, docs/dashboard.md), and 50 groups with bands at <see cref="Points"/>
    /// (23,000) took 7 s of CPU, too near a free online compiler's limit at its load.
    /// </summary>
    public const int TexCoordinates = 10_000;

    /// <summary>The fewest step buckets a pgfplots curve gets however many curves share <see cref="TexCoordinates"/>.</summary>
    public const int TexMinPoints = 50;

    /// <summary>
    /// Step buckets per curve in a figure of this many lines (groups, or trials when ungrouped): <see cref="Points"/>,
    /// but in a pgfplots file no more than each curve's share of <see cref="TexCoordinates"/> (a bucket is one coordinate
    /// of its line and two of its band), at least <see cref="TexMinPoints"/>. The buckets are /api/series-group's at that
    /// coarser points=, so their mean, std and true min and max stay what the rows say; a few curves keep every bucket.
    /// </summary>
    public int PointsFor(int lines)
    {
        if (Format != "tex") return Points;
        var perBucket = Band == "range" || (Band == "std" && Group) ? 3 : 1;
        var curves = Math.Max(1, lines * Phases.Count * perBucket);
        return Math.Clamp(TexCoordinates / curves, Math.Min(TexMinPoints, Points), Points);
    }

    /// <summary>Checks every choice against its known values (a usage error naming the option and the values there are).</summary>
    public FigureRequest Checked()
    {
        if (!Axes.Contains(X)) throw FigureErrors.UnknownAxis(X, Words);
        if (!Bands.Contains(Band)) throw FigureErrors.UnknownBand(Band, Words);
        if (!Formats.Contains(Format)) throw FigureErrors.UnknownFormat(Format);
        if (!(Smooth is >= 0 and < 1)) throw FigureErrors.BadSmoothing(Smooth.ToString(CultureInfo.InvariantCulture), Words);
        if (Phases.Count == 0 || Phases.Any(p => p is not ("train" or "val"))) throw FigureErrors.BadPhases(string.Join(",", Phases), Words);
        if (From is < 0 || To is < 0) throw FigureErrors.NegativeRange(From is < 0 ? "from" : "to", (From is < 0 ? From : To)!.Value, Words);
        if (From is { } f && To is { } t && f >= t) throw FigureErrors.BadRange(f, t, Words);
        return this;
    }

    /// <summary>The format a file name's extension says (.svg, .pdf, .tex), or null.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
    {
        "svg" => "svg", "pdf" => "pdf", "tex" or "tikz" or "pgf" => "tex", _ => null,
    };
}
