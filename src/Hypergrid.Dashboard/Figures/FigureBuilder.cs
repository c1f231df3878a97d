using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Reads the logs a <see cref="FigureRequest"/> names into a <see cref="Figure"/>: by step, each group's buckets as
/// GET /api/series-group computes them (the same code, so the figure and the page agree); by epoch, the epoch logs
/// (the mean and sample std of the seeds at each epoch). One colour per group (or per trial), in the order given.
/// </summary>
public sealed class FigureBuilder(SeriesStore steps, EpochLogStore epochs)
{
    public async Task<Figure> BuildAsync(IReadOnlyList<FigureTrial> trials, FigureRequest r, CancellationToken cancel = default)
    {
        r = r.Checked();
        var groups = r.Group ? SeedGroups.Of(trials) : trials.Select(t => new List<FigureTrial> { t }).ToList();
        var (title, names) = LegendNames.Of(groups.Select(g => g[0]).ToList(), withSeed: !r.Group);
        var lines = new List<FigureLine>();
        var unsized = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            double? epochsPerStep = null;
            if (r.X == "epochf" && (epochsPerStep = await EpochsPerStepAsync(groups[i], cancel)) is null)
            {
                unsized.Add(groups[i][0].Path);
                continue;
            }
            foreach (var phase in r.Phases)
                if (await LineAsync(groups[i], phase, r, epochsPerStep ?? 1, cancel) is { } line)
                    lines.Add(line with { Name = names[i], Color = i, Dashed = phase == "val", InLegend = phase == r.Phases[0] || !lines.Any(l => l.Color == i) });
        }
        if (lines.Count == 0) throw unsized.Count > 0 ? FigureErrors.NoEpochSize(unsized[0], r.Words) : FigureErrors.NothingToDraw();
        var band = BandLabel.Of(r.Band, r.Group, groups.Select(g => g.Count).ToList());
        var phaseWord = r.Phases.Count == 1 ? r.Phases[0] + " " : "";
        var logged = lines.Count(l => l.LoggedX);
        var xLabel = r.X == "samples" ? SampleAxis.SamplesLabel(logged, lines.Count) : XLabel(r.X);
        var note = r.X == "samples" && logged > 0 && logged < lines.Count ? SampleAxis.MixedNote
            : unsized.Count > 0 ? FigureErrors.LeftOutNote(unsized) : null;
        return new Figure(xLabel, phaseWord + r.Metric + (r.Metric == "time" ? " (s)" : "") + band, lines)
        {
            LegendTitle = title, LogY = r.LogY, WholeX = r.X == "epoch", ColorCount = groups.Count, Note = note,
        };
    }

    /// <summary>The batch-log column a program may write with the samples it has seen; the samples axis uses it when every trial of a line has it.</summary>
    public const string LoggedSamples = "samples";

    public static string XLabel(string x) => x switch
    {
        "step" => "train step (batches)",
        "samples" => "samples seen (train steps × batch size)",
        "epochf" => "epoch (train batches done ÷ batches per epoch)",
        _ => "epoch",
    };

    private async Task<FigureLine?> LineAsync(List<FigureTrial> members, string phase, FigureRequest r, double epochsPerStep, CancellationToken cancel)
    {
        var line = r.X == "epoch" ? await EpochLineAsync(members, phase, r, cancel) : await StepLineAsync(members, phase, r, epochsPerStep, cancel);
        if (line is null) return null;
        return line with { Y = Smooth(line.Y, r.Smooth) };
    }

    private async Task<FigureLine?> StepLineAsync(List<FigureTrial> members, string phase, FigureRequest r, double epochsPerStep, CancellationToken cancel)
    {
        var query = new SeriesQuery(phase, [r.Metric], r.From, r.To, r.Points) { Optional = r.X == "samples" ? [LoggedSamples] : [] };
        var (group, problem) = await GroupSeries.ComputeAsync(steps, members.Select(m => m.Directory).ToList(), query, cancel);
        if (problem is not null)
            return problem.StartsWith("unknown phase", StringComparison.Ordinal) ? null : throw new Config.UsageException($"{members[0].Path}: {problem}");
        if (group is null || group.Trials == 0) return null;
        var stats = group.Metrics[r.Metric];
        // x at the END of a row's batch (SampleAxis): a train bucket at its first row, a val bucket at its last pass.
        var logged = r.X == "samples" ? group.Metrics.GetValueOrDefault(LoggedSamples) : null;
        var perStep = r.X switch
        {
            "samples" when logged is not null => 1,
            "samples" => BatchSize(members[0], r.Words),
            "epochf" => epochsPerStep,
            _ => 1,
        };
        var xs = logged is not null
            ? (phase == "train" ? logged.Min : logged.Max).Select(v => v ?? double.NaN).ToArray()
            : phase == "train"
                ? group.Steps.Select(s => SampleAxis.TrainX(s, r.X, perStep)).ToArray()
                : group.At.Select(a => a is { } v ? SampleAxis.ValX(v, r.X, perStep) : double.NaN).ToArray();
        var y = stats.Mean.Select((v, i) => double.IsNaN(xs[i]) ? null : v).ToArray();
        if (!y.Any(v => v is not null)) return null;
        var (lower, upper) = Band(r, stats.Mean, stats.Std, stats.Min, stats.Max, members.Count);
        return new FigureLine("", 0, false, xs, y) { Lower = lower, Upper = upper, LoggedX = logged is not null };
    }

    /// <summary>
    /// Epochs per train step for x=epochf: 1 ÷ the log's own train rows per epoch (the most in any epoch of a member),
    /// else 1 ÷ ceil(train set ÷ batch_size) from run.json and the config; null when neither is known.
    /// </summary>
    private async Task<double?> EpochsPerStepAsync(List<FigureTrial> members, CancellationToken cancel)
    {
        foreach (var m in members)
            if (await epochs.GetAsync(m.Directory, cancel) is { } got
                && got.Table.RowsOf("train").Select(row => got.Table.Get(row, "n_batches") ?? 0).DefaultIfEmpty(0).Max() is var n and > 0)
                return 1.0 / n;
        return members[0].TrainSamples is > 0 and var size && SeedGroups.Number(members[0].Config?["batch_size"]) is > 0 and var b
            ? 1.0 / Math.Ceiling(size / b) : null;
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
                if (table.Get(row, r.Metric) is { } v && double.IsFinite(v))
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

    /// <summary>The band: ± std over seeds (a lone seed: none), the true min–max of the rows, or none; ungrouped lines have the range band only when asked.</summary>
    private static (double?[]? Lower, double?[]? Upper) Band(FigureRequest r, double?[] mean, double?[] std, double?[] min, double?[] max, int members)
    {
        if (r.Band == "none") return (null, null);
        if (r.Band == "range") return (min, max);
        if (!r.Group || members < 2) return (null, null);
        return (mean.Select((m, i) => m - (std[i] ?? 0)).ToArray(), mean.Select((m, i) => m + (std[i] ?? 0)).ToArray());
    }

    private static double BatchSize(FigureTrial t, FigureWords words) =>
        SeedGroups.Number(t.Config?["batch_size"]) is { } b && b > 0 ? b : throw FigureErrors.NoBatchSize(t.Path, words);

    /// <summary>The page's smoothing: an exponential moving average with weight w on the past; gaps stay gaps.</summary>
    public static double?[] Smooth(double?[] ys, double w)
    {
        if (w == 0) return ys;
        double? s = null;
        return ys.Select(y => y is null ? null : s = s is null ? y : w * s + (1 - w) * y).ToArray();
    }
}
