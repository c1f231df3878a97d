using System.Globalization;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// What GET /api/series asks: a phase, metrics, a range [From, To) of the x axis asked (in its own units: train steps
/// for x=step or no x, samples seen for x=samples, epochs for x=epochf; <see cref="AxisRange"/> maps it to each trial's
/// steps) and how many buckets. Parsed and checked against the log in one place; a mistake is a one-line reason (400).
/// </summary>
public sealed record SeriesQuery(string Phase, IReadOnlyList<string> Metrics, double? From, double? To, int Points)
{
    /// <summary>
    /// The first step asked, in train steps on any axis (fromstep=; instead of from=): a live page asks a running trial's
    /// new rows from its last bucket's first step, at the width it holds, so that the buckets line up.
    /// </summary>
    public int? FromStep { get; init; }

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

    /// <summary>The largest from= or to= on the step axis (a step number) and on the others (a double counts exactly to it).</summary>
    public static double MaxOn(string? axis) => axis is null or "step" ? int.MaxValue : 9_007_199_254_740_992;

    /// <summary>
    /// One trial's steps of the asked range: <see cref="FromStep"/> as it is, else [From, To) mapped by the trial's scale
    /// (<see cref="AxisRange"/>; the whole log when it has none on this axis).
    /// </summary>
    public (int From, int To) StepsOf(StepLog log, XScale? scale)
    {
        if (FromStep is { } start) return (Math.Min(start, log.Extent), log.Extent);
        return scale is null ? (0, log.Extent) : AxisRange.Steps(log, Phase, From, To, scale);
    }

    /// <summary>The steps [From, To) of the given ones within a step axis this long, the bucket width and the number of buckets.</summary>
    public (int From, int To, int Width, long Buckets) Resolve(int extent, (int From, int To) steps)
    {
        var from = Math.Min(steps.From, extent);
        var to = Math.Max(from, Math.Min(steps.To, extent));
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
            problem ??= OutOfRange(key, text, int.MaxValue);
            return null;
        }
        var x = get("x");
        double? Number(string key)
        {
            var text = get(key);
            if (text is null) return null;
            var max = MaxOn(x);
            if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v) && v >= 0 && v <= max) return v;
            problem ??= OutOfRange(key, text, max);
            return null;
        }
        var from = Number("from");
        var to = Number("to");
        var fromStep = Int("fromstep");
        if (problem is null && fromStep is not null && (from is not null || to is not null)) problem = "fromstep= (a train step on any axis) is instead of from= and to=: give one or the other";
        var points = Int("points") ?? 1000;
        var width = Int("width");
        if (problem is null && width is < 1 or > MaxWidth) problem = $"width={width} must be from 1 to {MaxWidth:N0}";
        if (problem is null && (points < 1 || points > MaxPoints)) problem = $"points={points} must be from 1 to {MaxPoints:N0}";
        if (problem is null && from is { } f && to is { } t && f > t) problem = string.Create(CultureInfo.InvariantCulture, $"from={f} is after to={t}");
        var optional = (get("optional") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // metrics= given empty with optional= asks only for columns this log may lack (the page's ticked metrics over
        // trials of different programs: a trial without one still draws the others).
        if (problem is null && metrics.Length == 0 && (get("metrics") is null || optional.Length == 0)) problem = "metrics= names no metric (or give them in optional= with an empty metrics=)";
        if (problem is null && x is not null && !XScale.Axes.Contains(x))
            problem = $"x={Config.Visible.Short(x)} is not an axis drawn by step; write x=step, x=samples or x=epochf";
        error = problem;
        if (x == "samples") optional = [.. optional, XScale.LoggedSamples];
        return new SeriesQuery(phase, metrics, from, to, points) { FromStep = fromStep, Width = width, Optional = optional.Distinct().ToArray(), X = x };
    }

    // What is wrong with a value that is not a number in range: its sign, its size, or its writing (cut when long).
    private static string OutOfRange(string key, string text, double max)
    {
        var shown = Config.Visible.Short(text);
        var digits = text.TrimStart('+', '-');
        var number = digits.Length > 0 && digits.Count(c => c == '.') <= 1 && digits.All(c => char.IsAsciiDigit(c) || c == '.') && digits.Any(char.IsAsciiDigit);
        if (!number) return $"{key}={shown} is not a non-negative number (write digits, e.g. {key}=1000)";
        return text.StartsWith('-') && digits.Any(c => c is not ('0' or '.'))
            ? $"{key}={shown} is negative: write a number from 0 to {max:N0}"
            : $"{key}={shown} is out of range: at most {max:N0}";
    }
}
