using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Findings;

namespace Hypergrid.Cli;

/// <summary>The options report and promote share: which metric, which goal, how epochs become one number.</summary>
public sealed class ReportOptionSet
{
    private readonly Option<string> metric = new("--metric") { Description = "Phase and epoch-log column: val_acc, val_loss, train_loss, val_grad_norm, ...", DefaultValueFactory = _ => "val_acc" };
    private readonly Option<string?> goal = new("--goal") { Description = "max or min (default: max for names ending in acc, else min)" };
    private readonly Option<string> reduce = new("--reduce") { Description = "final (last epoch) or best (best epoch by the goal)", DefaultValueFactory = _ => "final" };
    private readonly Option<string?> atBest = new("--at-best") { Description = "Take the metric at the epoch where this other metric is best" };
    private readonly Option<bool> includePaused = new("--include-paused") { Description = "Count trials paused at a search rung, with the epochs they trained (left out by default)" };
    private readonly Option<string> scope = new("--scope") { Description = "What each section compares: dataset (one per mode and dataset), leaf, mode (a mode's datasets together) or all", DefaultValueFactory = _ => "dataset" };

    public ReportOptionSet(Command command)
    {
        foreach (var o in new Option[] { metric, goal, reduce, atBest, scope, includePaused }) command.Options.Add(o);
    }

    public ReportOptions Read(ParseResult r, Filters filters, string? baseline = null) =>
        new(filters, r.GetValue(metric)!, r.GetValue(goal), r.GetValue(reduce)!, r.GetValue(atBest), baseline) { Schema = Training.TrialSchema.Instance, Scope = r.GetValue(scope)!, IncludePaused = r.GetValue(includePaused) };
}
