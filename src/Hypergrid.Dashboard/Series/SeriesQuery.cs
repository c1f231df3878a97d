using System.Globalization;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// What GET /api/series asks: a phase, metrics, the steps [From, To) and how many buckets. Parsed and checked against the
/// log in one place; a mistake is a one-line reason (400).
/// </summary>
public sealed record SeriesQuery(string Phase, IReadOnlyList<string> Metrics, int? From, int? To, int Points)
{
    /// <summary>A fixed bucket width instead of one derived from the points (a live page extends what it has with it).</summary>
    public int? Width { get; init; }

    /// <summary>
    /// Columns answered when the log has them and left out (no error) when it does not: optional=samples, so that a
    /// samples-seen axis uses a program's own count where it logs one.
    /// </summary>
    public IReadOnlyList<string> Optional { get; init; } = [];

    /// <summary>
    /// The x axis whose place of each bucket the answer carries (x=step|samples|epochf; null: none asked). x=samples
    /// asks for the samples column too, optionally: a program's own count is drawn where its log has one.
    /// </summary>
    public string? X { get; init; }

    /// <summary>Every column a log is read for: the metrics and the optional columns.</summary>
    public IReadOnlyList<string> Columns => Metrics.Concat(Optional).Distinct().ToList();

    /// <summary>The columns answered from this log: the metrics, then the optional columns it has.</summary>
    public IEnumerable<string> AnsweredBy(StepLog log) => Metrics.Concat(Optional.Where(o => log.Metrics.Contains(o))).Distinct();

    public const int MaxPoints = 100_000;

    /// <summary>The widest bucket asked for by width= (a billion steps: wider than any log).</summary>
    public const int MaxWidth = 1_000_000_000;

    /// <summary>The steps [From, To) of a step axis this long, the bucket width and the number of buckets.</summary>
    public (int From, int To, int Width, long Buckets) Resolve(int extent)
    {
        var from = Math.Min(From ?? 0, extent);
        var to = Math.Min(To ?? extent, extent);
        var width = Width ?? (to - from <= Points ? 1 : (to - from + Points - 1) / Points);
        return (from, to, width, ((long)to - from + width - 1) / width);
    }

    public static SeriesQuery Parse(Func<string, string?> get, out string? error)
    {
        string? problem = null;
        var phase = get("phase") ?? "train";
        var metrics = (get("metrics") ?? "loss").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int? Int(string key)
        {
            var text = get(key);
            if (text is null) return null;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= 0 && v <= int.MaxValue) return (int)v;
            problem ??= OutOfRange(key, text);
            return null;
        }
        var from = Int("from");
        var to = Int("to");
        var points = Int("points") ?? 1000;
        var width = Int("width");
        if (problem is null && width is < 1 or > MaxWidth) problem = $"width={width} must be from 1 to {MaxWidth:N0}";
        if (problem is null && (points < 1 || points > MaxPoints)) problem = $"points={points} must be from 1 to {MaxPoints:N0}";
        if (problem is null && from is { } f && to is { } t && f > t) problem = $"from={f} is after to={t}";
        if (problem is null && metrics.Length == 0) problem = "metrics= names no metric";
        var optional = (get("optional") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var x = get("x");
        if (problem is null && x is not null && !XScale.Axes.Contains(x))
            problem = $"x={Config.Visible.Short(x)} is not an axis drawn by step; write x=step, x=samples or x=epochf";
        error = problem;
        if (x == "samples") optional = [.. optional, XScale.LoggedSamples];
        return new SeriesQuery(phase, metrics, from, to, points) { Width = width, Optional = optional.Distinct().ToArray(), X = x };
    }

    // What is wrong with a value that is not a step number: its sign, its size, or its writing (cut when long).
    private static string OutOfRange(string key, string text)
    {
        var shown = Config.Visible.Short(text);
        var digits = text.TrimStart('+', '-');
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return $"{key}={shown} is not a non-negative integer (write digits, e.g. {key}=1000)";
        return text.StartsWith('-') && digits.Any(c => c != '0')
            ? $"{key}={shown} is negative: write a number from 0 to {int.MaxValue:N0}"
            : $"{key}={shown} is out of range: at most {int.MaxValue:N0}";
    }
}
