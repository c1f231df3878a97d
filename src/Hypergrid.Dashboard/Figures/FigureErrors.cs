using Hypergrid.Config;

namespace Hypergrid.Dashboard.Figures;

/// <summary>Every mistake in asking for a figure, in words that name the option and what to write instead.</summary>
public static class FigureErrors
{
    public static UsageException BadLength(string option, string text, FigureWords w) =>
        new($"{w.Option(option, Visible.Short(text))} is not a length: write a number and a unit, e.g. {w.Option(option, "8.5cm")}, 3.3in, 85mm or 241pt");

    public static UsageException LengthOutOfRange(string option, string text, FigureWords w) =>
        new($"{w.Option(option, Visible.Short(text))} is outside 1 cm to 1 m; a paper column is about 8.5cm wide, a full page about 17cm");

    public static UsageException BadFontSize(string text, FigureWords w) =>
        new($"{w.Option("font-size", Visible.Short(text))} is not a type size from 5 to 24 points; papers use 8 to 10 (e.g. {w.Option("font-size", "8")})");

    public static UsageException LogXNeedsPositive(string? key, FigureWords w) =>
        new(key is null
            ? $"a log x axis needs a key with numbers; name one with {w.Name("key")}, or leave {w.Name("log-x")} out"
            : $"a log x axis needs every value of '{Visible.Short(key)}' above 0; leave {w.Name("log-x")} out or choose another {w.Name("key")}");

    public static UsageException BadLogX(string text) =>
        new($"logx={Visible.Short(text)} is not true or false; leave it out for a log axis only when the key's values span two decades or more");

    public static UsageException UnknownFormat(string text) =>
        new($"'{Visible.Short(text)}' is not a figure format; write svg, pdf or tex (pgfplots), or name the output file with one of these extensions");

    public static UsageException UnknownAxis(string text, FigureWords w) =>
        new($"{w.Option("x", Visible.Short(text))} is not an axis a figure draws; write epoch, step (train batches done), samples (step times batch_size) or epochf (epochs as a fraction, every batch)");

    public static UsageException UnknownBand(string text, FigureWords w) =>
        new($"{w.Option("band", Visible.Short(text))} is not a band; write std (mean ± std over seeds), range (min–max of all rows) or none");

    public static UsageException NoTrials(string what) =>
        new($"no trial matches {what}; 'hypergrid status' lists the trials");

    /// <summary>--where key=value matched none of the trials it was tried on ("of --mode sweep with bs=32"): the values they have.</summary>
    public static UsageException NoSuchValue(string of, string key, string value, IReadOnlyList<string> values)
    {
        var shown = values.Take(12).Select(Visible.Short).ToList();
        var list = shown.Count == 1 ? shown[0] : string.Join(", ", shown[..^1]) + (values.Count > 12 ? $", {shown[^1]} and {values.Count - 12} more" : $" or {shown[^1]}");
        return new($"no trial{of} has {Visible.Short(key)}={Visible.Short(value)}; {Visible.Short(key)} is {list} there (e.g. --where {Visible.Short(key)}={shown[0]})");
    }

    /// <summary>--where names a key no config of those trials has.</summary>
    public static UsageException NoSuchKey(string of, string key, IEnumerable<string> keys) =>
        new($"no trial{of} has the key '{Visible.Short(key)}' in its config; the keys are {string.Join(", ", keys.Select(Visible.Short))}");

    public static UsageException UnknownMetric(string metric, IEnumerable<string> known) =>
        new($"metric '{Visible.Short(metric)}' is in no selected trial's log; the logs have: {string.Join(", ", known)}");

    public static UsageException NoBatchSize(string trial, FigureWords w) =>
        new($"{w.Option("x", "samples")} needs batch_size in the config of {trial} (samples seen = train steps × batch_size); draw {w.Option("x", "step")} instead");

    public static UsageException NoEpochSize(string trial, FigureWords w) =>
        new($"{w.Option("x", "epochf")} needs the batches per epoch of {trial}: its log has no complete train epoch, and its config no batch_size with a train set size in run.json; draw {w.Option("x", "step")} instead");

    /// <summary>The figure's note naming the trials x=epochf leaves out (no batches per epoch known), three at most.</summary>
    public static string LeftOutNote(IReadOnlyList<string> trials) =>
        $"left out (batches per epoch unknown): {string.Join(", ", trials.Take(3))}" + (trials.Count > 3 ? $" and {trials.Count - 3} more" : "");

    public static UsageException TooSmall(FigureSize size, int entries) =>
        new($"a figure of {size.Width / 72 * 2.54:0.#} x {size.Height / 72 * 2.54:0.#} cm at {size.FontSize:0.#} pt has no room for its plot" +
            (entries > 8 ? $" beside a legend of {entries} entries; select fewer groups or" : ";") + $" give a larger width and height or a smaller font size ({size.Words.Name("width")}, {size.Words.Name("height")}, {size.Words.Name("font-size")})");

    /// <summary>
    /// A range (--from/--to) past the data: the extent the selection has on that axis and a range inside it to write.
    /// Step, samples and epochf count from 0; by epoch and step (whole numbers) the range [from, to) is written one past the last.
    /// </summary>
    public static UsageException NothingInRange(string axis, double low, double high, FigureWords w)
    {
        static string N(double v) => (v >= 10 ? Math.Ceiling(v) : Math.Round(v, 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (extent, from, to) = axis switch
        {
            "epoch" => ($"x runs over epochs {N(low)}-{N(high)}", N(low), N(high + 1)),
            "step" => ($"x runs 0-{N(high)} train steps", "0", N(Math.Floor(high) + 1)), // whole steps: to is past the last
            "samples" => ($"x runs 0-{N(high)} samples seen", "0", N(high)),
            _ => ($"x runs 0-{N(high)} epochs", "0", N(high)),
        };
        return new($"the selected trials have no finite value of this metric in the asked range and phases: nothing to draw; {extent}: write a range inside it, e.g. {w.Option("from", from)} {w.Option("to", to)}");
    }

    public static UsageException NothingToDraw() =>
        new("the selected trials have no finite value of this metric in the asked range and phases: nothing to draw");

    public static UsageException BadSmoothing(string text, FigureWords w) =>
        new($"{w.Option("smooth", Visible.Short(text))} is not from 0 (none) to 0.99 (the page's slider); write e.g. {w.Option("smooth", "0.6")}");

    public static UsageException BadPhases(string text, FigureWords w) =>
        new($"{w.Option("phase", Visible.Short(text))} is not train, val or both (write {w.Option("phase", "train,val")})");

    public static UsageException NegativeRange(string key, double value, FigureWords w) =>
        new($"{w.Option(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture))} is negative: the x axis starts at 0 (steps, samples, epochs)");

    public static UsageException BadRange(double from, double to, FigureWords w) =>
        new($"{w.Option("from", from.ToString(System.Globalization.CultureInfo.InvariantCulture))} is not before {w.Option("to", to.ToString(System.Globalization.CultureInfo.InvariantCulture))}: give a range [from, to) of the x axis, in its units (steps, samples, epochs), with from < to");

    public static UsageException UnknownErrorBars(string text, FigureWords w) =>
        new($"{w.Option("error-bars", Visible.Short(text))} is not a kind of error bar; write std (mean ± std over seeds) or ci (the 95% confidence interval)");

    public static UsageException UnknownSection(string text, IEnumerable<string> known, FigureWords w) =>
        new($"{w.Option("section", Visible.Short(text))} is not a section of the report; its sections are: {string.Join(", ", known)}");

    /// <summary>A key that does not differ between the groups of the section drawn; where it does differ, the sections to name instead.</summary>
    public static UsageException UnknownResultsKey(string text, string section, IReadOnlyList<string> known, IReadOnlyList<string> elsewhere, FigureWords w)
    {
        var key = Visible.Short(text);
        var here = known.Count > 0
            ? $"'{key}' does not differ between the groups of section {section}; they differ in: {string.Join(", ", known)}"
            : $"the groups of section {section} differ in no key (they are drawn as categories; leave {w.Name("key")} out)";
        var there = elsewhere.Count > 0 ? $"; '{key}' differs in section {string.Join(", ", elsewhere)}: add {w.Option("section", elsewhere[0])}" : "";
        return new($"{w.Option("key", key)}: {here}{there}");
    }
}
