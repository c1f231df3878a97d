using System.CommandLine;
using Hypergrid.Config.Trials;
using Spectre.Console;

namespace Hypergrid.Cli;

/// <summary>hypergrid status: counts of trials per state for every leaf, and one line per trial with --trials.</summary>
public static class StatusVerb
{
    public static Command Create()
    {
        var command = new Command("status", "Show how many trials are pending, running, complete, failed, stale or orphaned");
        var tree = new TreeOptions(command);
        var perTrial = new Option<bool>("--trials") { Description = "One line per trial" };
        command.Options.Add(perTrial);
        command.SetAction(r => Exit.Guard(() =>
        {
            var report = StatusReader.Read(tree.Read(r));
            var table = new Table();
            table.AddColumn(new TableColumn("leaf").NoWrap());
            foreach (var s in Enum.GetValues<TrialState>()) table.AddColumn(new TableColumn(s.ToString().ToLowerInvariant()).RightAligned());
            foreach (var (leaf, trials) in report)
                table.AddRow([leaf.Plan.Leaf.RelativePath, .. Enum.GetValues<TrialState>().Select(s => trials.Count(t => t.State == s).ToString())]);
            AnsiConsole.Write(table);
            if (r.GetValue(perTrial))
                foreach (var (_, trials) in report)
                    foreach (var t in trials) Console.WriteLine(Line(t));
            return Exit.Ok;
        }));
        return command;
    }

    private static string Line(TrialReport t)
    {
        var axes = string.Join(" ", t.AxisValues.Select(v => $"{v.Key}={v.Value.Canonical}"));
        var extra = t.Status switch
        {
            { State: TrialState.Running, Claim: { } c } => $"  [{c.Host}:{c.Pid}{(c.SlurmJobId is null ? "" : $" slurm {c.SlurmJobId}_{c.SlurmTaskId}")}]",
            { Note: { } note } => $"  ({note})",
            _ => "",
        };
        return $"{t.State.ToString().ToLowerInvariant(),-8} {t.Id}  {axes}{extra}";
    }
}
