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
    public int? From { get; init; }
    public int? To { get; init; }
    public FigureSize Size { get; init; } = FigureSize.Column;
    public string Format { get; init; } = "svg";

    /// <summary>Who asked: a mistake names their option (--band) or parameter (band=).</summary>
    public FigureWords Words { get; init; } = FigureWords.Command;

    /// <summary>
    /// Step buckets: one per 3 points of width (about 1 mm, finer than a printed line can show), the same in every
    /// format: 50 curves with bands stay small as SVG and within pdflatex's memory as pgfplots.
    /// </summary>
    public int Points => Math.Max(50, (int)(Size.Width / 3));

    /// <summary>Checks every choice against its known values (a usage error naming the option and the values there are).</summary>
    public FigureRequest Checked()
    {
        if (!Axes.Contains(X)) throw FigureErrors.UnknownAxis(X, Words);
        if (!Bands.Contains(Band)) throw FigureErrors.UnknownBand(Band, Words);
        if (!Formats.Contains(Format)) throw FigureErrors.UnknownFormat(Format);
        if (!(Smooth is >= 0 and < 1)) throw FigureErrors.BadSmoothing(Smooth.ToString(CultureInfo.InvariantCulture), Words);
        if (Phases.Count == 0 || Phases.Any(p => p is not ("train" or "val"))) throw FigureErrors.BadPhases(string.Join(",", Phases), Words);
        if (From is { } f && To is { } t && f >= t) throw FigureErrors.BadRange(f, t, Words);
        return this;
    }

    /// <summary>The format a file name's extension says (.svg, .pdf, .tex), or null.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
    {
        "svg" => "svg", "pdf" => "pdf", "tex" or "tikz" or "pgf" => "tex", _ => null,
    };
}
