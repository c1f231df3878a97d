using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Reads the logs a <see cref="FigureRequest"/> names into a <see cref="Figure"/>: by step, each group's buckets as
/// GET /api/series-group computes them (the same code, so the figure and the page agree); by epoch, the epoch logs
/// (the mean and sample std of the seeds at each epoch). One colour per group (or per trial), in the order given.
/// </summary>
public sealed class FigureBuilder(SeriesStore steps, EpochLogStore epochs)
{
    private readonly TrialXScales scales = new(epochs);

    public async Task<Figure> BuildAsync(IReadOnlyList<FigureTrial> trials, FigureRequest r, CancellationToken cancel = default)
    {
        r = r.Checked();
        var groups = r.Group ? SeedGroups.Of(trials) : trials.Select(t => new List<FigureTrial> { t }).ToList();
        var (title, names) = LegendNames.Of(groups.Select(g => g[0]).ToList(), withSeed: !r.Group);
        var lines = new List<FigureLine>();
        var unsized = new List<string>();
        var span = 0; // the most train steps one point stands for (by step), for the figure's note
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var phase in r.Phases)
            {
                var (line, missing, width) = r.X == "epoch" ? (await EpochLineAsync(groups[i], phase, r, cancel), null, 1) : await StepLineAsync(groups[i], phase, r, r.PointsFor(groups.Count), cancel);
                if (line is not null) span = Math.Max(span, width);
                if (missing is not null)
                {
                    // Not placeable on this axis (no batches per epoch): left out and named under the legend.
                    if (r.X == "samples") throw FigureErrors.NoBatchSize(groups[i][0].Path, r.Words);
                    if (!unsized.Contains(groups[i][0].Path)) unsized.Add(groups[i][0].Path);
                    continue;
                }
                if (line is not null)
                    lines.Add(line with { Y = Smooth(line.Y, r.Smooth), Name = names[i], Color = i, Dashed = phase == "val", InLegend = phase == r.Phases[0] || !lines.Any(l => l.Color == i) });
            }
        }
        if (lines.Count == 0)
        {
            if (unsized.Count > 0) throw FigureErrors.NoEpochSize(unsized[0], r.Words);
            // A range with nothing in it: the extent there is, so the user can write one that draws.
            if ((r.From ?? r.To) is not null && await ExtentAsync(trials, r, cancel) is { } extent) throw FigureErrors.NothingInRange(r.X, extent.Low, extent.High, r.Words);
            throw FigureErrors.NothingToDraw();
        }
        var band = BandLabel.Of(r.Band, r.Group, groups.Select(g => g.Count).ToList(), byStep: r.X != "epoch");
        var phaseWord = r.Phases.Count == 1 ? r.Phases[0] + " " : "";
        var logged = lines.Count(l => l.LoggedX);
        var xLabel = r.X == "samples" ? SampleAxis.SamplesLabel(logged, lines.Count) : XLabel(r.X);
        var note = r.X == "samples" && logged > 0 && logged < lines.Count ? SampleAxis.MixedNote
            : unsized.Count > 0 ? FigureErrors.LeftOutNote(unsized) : null;
        // A point that stands for many steps flattens a spike the page, finer, shows: the figure says so (audit 5 defect 4).
        if (BucketNote(span, r) is { } bucketed) note = note is null ? bucketed : note + "; " + bucketed;
        return new Figure(xLabel, phaseWord + r.Metric + (r.Metric == "time" ? " (s)" : "") + band, lines)
        {
            LegendTitle = title, LogY = r.LogY, WholeX = r.X == "epoch", Note = note, Colors = Colors(trials, groups, r),
            // A range asked is the axis, as the page draws its zoom (by epoch too: its epochs in [from, to)).
            XRange = (r.From, r.To),
        };
    }

    /// <summary>
    /// The x extent the trials' lines have on the request's axis without its range (the places drawn: exact by epoch and
    /// at a trial's last row, a bucket's mean place for a group's end); null when nothing is drawn at all.
    /// </summary>
    private async Task<(double Low, double High)?> ExtentAsync(IReadOnlyList<FigureTrial> trials, FigureRequest r, CancellationToken cancel)
    {
        Figure whole;
        try { whole = await BuildAsync(trials, r with { From = null, To = null }, cancel); }
        catch (Config.UsageException) { return null; }
        var xs = whole.Lines.SelectMany(l => l.X.Where((x, i) => double.IsFinite(x) && l.Y[i] is not null)).ToList();
        return xs.Count == 0 ? null : (xs.Min(), xs.Max());
    }

    /// <summary>
    /// Each line slot's colour: the places the page sent (a group's of its first trial; a trial's shade), else grouped
    /// the palette by the group's index (null) and ungrouped <see cref="TrialColors"/>.
    /// </summary>
    private static List<string>? Colors(IReadOnlyList<FigureTrial> trials, List<List<FigureTrial>> groups, FigureRequest r)
    {
        if (r.Places is not { } places) return r.Group ? null : TrialColors(trials);
        var at = trials.Select((t, i) => (t.Path, i)).ToDictionary(p => p.Path, p => places[p.i], StringComparer.Ordinal);
        return groups.Select(g => r.Group ? at[g[0].Path].GroupColor : at[g[0].Path].TrialColor).ToList();
    }

    /// <summary>
    /// Ungrouped, each trial's colour: its seed group's (as grouped, and as the Results' dot of that group), shaded by
    /// its place among the group's seeds (<see cref="Palette.Shade"/>), as the page's trialColors gives it.
    /// </summary>
    public static List<string> TrialColors(IReadOnlyList<FigureTrial> trials)
    {
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = SeedGroups.Of(trials);
        for (var i = 0; i < groups.Count; i++)
            for (var j = 0; j < groups[i].Count; j++) byPath[groups[i][j].Path] = Palette.Shade(i, j, groups[i].Count);
        return trials.Select(t => byPath[t.Path]).ToList();
    }

    /// <summary>
    /// What a point by step stands for when it is more than one train step: "a point per 14 train steps (their mean; a
    /// trial's train line: the last); --band range draws their min–max"; null when every point is one step.
    /// </summary>
    public static string? BucketNote(int steps, FigureRequest r)
    {
        if (steps <= 1) return null;
        var what = r.Group ? "their mean" : r.Phases.Contains(StepLog.StepPhase) ? "their mean; a trial's train line: the last" : "their mean";
        // The true min-max of every row of a point's steps is one option away: a spike is then drawn, as a band.
        return $"a point per {steps} train steps ({what})" + (r.Band == "range" ? "" : $"; {r.Words.Option("band", "range")} draws their min–max");
    }

    /// <summary>An axis's words, from the one table the page is answered too (<see cref="AxisLabels"/>).</summary>
    public static string XLabel(string x) => AxisLabels.Of(x);

    /// <summary>
    /// A line by step: the buckets of GET /api/series-group (its range in the axis's units, each member's own steps of it) at points= (<see cref="FigureRequest.PointsFor"/>; one trial:
    /// a group of one) placed by <see cref="BucketX"/>,
    /// as the page draws them: a group's mean, and a trial's val mean, at the mean of its rows' places; a trial's train
    /// line through each bucket's last value at its last row's place.
    /// </summary>
    private async Task<(FigureLine? Line, string? Missing, int Width)> StepLineAsync(List<FigureTrial> members, string phase, FigureRequest r, int points, CancellationToken cancel)
    {
        var query = new SeriesQuery(phase, [r.Metric], r.From, r.To, points) { Optional = r.X == "samples" ? [XScale.LoggedSamples] : [], X = r.X };
        var (group, problem) = await GroupSeries.ComputeAsync(steps, members.Select(m => m.Directory).ToList(), query,
            (m, logged, c) => scales.ForAsync(members[m], r.X, logged, c), cancel);
        if (problem is not null)
            return problem.StartsWith("unknown phase", StringComparison.Ordinal) ? (null, null, 0) : throw new Config.UsageException($"{members[0].Path}: {problem}");
        if (group is null || group.Trials == 0) return (null, null, 0);
        var place = BucketX.ForGroup(group, r.X);
        if (place.Missing is not null) return (null, place.Missing, 0);
        var stats = group.Metrics[r.Metric];
        var atLast = !r.Group && phase == StepLog.StepPhase;
        var xs = (atLast ? place.Last! : place.Mean!).Select(v => v ?? double.NaN).ToArray();
        var y = (atLast ? stats.Last : stats.Mean).Select((v, i) => double.IsNaN(xs[i]) ? null : v).ToArray();
        if (!y.Any(v => v is not null)) return (null, null, 0);
        var (lower, upper) = Band(r, stats.Mean, stats.Std, stats.Min, stats.Max, members.Count);
        return (new FigureLine("", 0, false, xs, y) { Lower = lower, Upper = upper, LoggedX = place.Logged, Lone = stats.Lone }, null, group.Range.Width);
    }

    private async Task<FigureLine?> EpochLineAsync(List<FigureTrial> members, string phase, FigureRequest r, CancellationToken cancel)
    {
        var byEpoch = new SortedDictionary<long, List<double>>();
        var known = new SortedSet<string>();
        foreach (var m in members)
        {
            if (await epochs.GetAsync(m.Directory, cancel) is not { } got) continue;
            var table = got.Table;
            known.UnionWith(table.Columns);
            foreach (var row in table.RowsOf(phase))
                if (table.Get(row, r.Metric) is { } v && double.IsFinite(v) && InRange(table.Epochs[row], r))
                    (byEpoch.TryGetValue(table.Epochs[row], out var list) ? list : byEpoch[table.Epochs[row]] = []).Add(v);
        }
        if (known.Count > 0 && !known.Contains(r.Metric)) throw FigureErrors.UnknownMetric(r.Metric, known.Where(c => c is not ("epoch" or "mode" or "n_batches")));
        if (byEpoch.Count == 0) return null;
        var cells = byEpoch.Values.ToList();
        var mean = cells.Select(c => (double?)c.Average()).ToArray();
        var std = cells.Select(c => c.Count < 2 ? (double?)null : Math.Sqrt(c.Sum(v => (v - c.Average()) * (v - c.Average())) / (c.Count - 1))).ToArray();
        var (lower, upper) = Band(r, mean, std, cells.Select(c => (double?)c.Min()).ToArray(), cells.Select(c => (double?)c.Max()).ToArray(), members.Count);
        return new FigureLine("", 0, false, byEpoch.Keys.Select(e => (double)e).ToArray(), mean) { Lower = lower, Upper = upper };
    }

    /// <summary>Whether an epoch is in the range asked, [From, To) as on the axes drawn by step.</summary>
    private static bool InRange(long epoch, FigureRequest r) => !(epoch < r.From) && !(epoch >= r.To);

    /// <summary>The band: ± std over seeds (a lone seed: none), the true min–max of the rows, or none; ungrouped lines have the range band only when asked.</summary>
    private static (double?[]? Lower, double?[]? Upper) Band(FigureRequest r, double?[] mean, double?[] std, double?[] min, double?[] max, int members)
    {
        if (r.Band == "none") return (null, null);
        if (r.Band == "range") return (min, max);
        if (!r.Group || members < 2) return (null, null);
        return (mean.Select((m, i) => m - (std[i] ?? 0)).ToArray(), mean.Select((m, i) => m + (std[i] ?? 0)).ToArray());
    }

    /// <summary>The page's smoothing: an exponential moving average with weight w on the past; gaps stay gaps.</summary>
    public static double?[] Smooth(double?[] ys, double w)
    {
        if (w == 0) return ys;
        double? s = null;
        return ys.Select(y => y is null ? null : s = s is null ? y : w * s + (1 - w) * y).ToArray();
    }
}
