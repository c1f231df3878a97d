using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Findings;

namespace Hypergrid.Cli;

/// <summary>The options report and promote share: which metric, which goal, how epochs become one number.</summary>
public sealed class ReportOptionSet
{
    private readonly Option<string> metric = new("--metric") { Description = "Phase and epoch-log column: val_acc, val_loss, train_loss, val_grad_norm, ...; report takes several, comma-separated (val_acc,val_loss), in one table", DefaultValueFactory = _ => "val_acc" };
    private readonly Option<string?> goal = new("--goal") { Description = "max or min (default: max for names ending in acc, else min)" };
    private readonly Option<string> reduce = new("--reduce") { Description = "final (last epoch) or best (best epoch by the goal)", DefaultValueFactory = _ => "final" };
    private readonly Option<string?> atBest = new("--at-best") { Description = "Take the metric at the epoch where this other metric is best" };
    private readonly Option<bool> includePaused = new("--include-paused") { Description = "Count trials paused at a search rung, with the epochs they trained (left out by default)" };
    private readonly Option<string> scope = new("--scope") { Description = "What each section compares: dataset (one per mode and dataset), leaf, mode (a mode's datasets together) or all", DefaultValueFactory = _ => "dataset" };

    public ReportOptionSet(Command command)
    {
        foreach (var o in new Option[] { metric, goal, reduce, atBest, scope, includePaused }) command.Options.Add(o);
    }

    /// <summary>The metrics asked for, in order (--metric val_acc,val_loss); the first ranks promote's trials.</summary>
    public IReadOnlyList<string> Metrics(ParseResult r)
    {
        var text = r.GetValue(metric)!;
        var metrics = text.Split(',', StringSplitOptions.TrimEntries);
        if (metrics.Any(m => m.Length == 0) || metrics.Distinct().Count() != metrics.Length)
            throw new UsageException($"--metric {text} must name distinct metrics separated by commas, e.g. val_acc,val_loss");
        return metrics;
    }

    public ReportOptions Read(ParseResult r, Filters filters, string? baseline = null) =>
        new(filters, Metrics(r)[0], r.GetValue(goal), r.GetValue(reduce)!, r.GetValue(atBest), baseline) { Schema = Training.TrialSchema.Instance, Scope = r.GetValue(scope)!, IncludePaused = r.GetValue(includePaused) };
}
