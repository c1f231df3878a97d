using System.CommandLine;
using Hypergrid.Trials;
using Hypergrid.Running;
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
            var options = tree.Read(r);
            var report = StatusReader.Read(options);
            var table = new Table();
            table.AddColumn(new TableColumn("leaf").NoWrap());
            foreach (var s in Enum.GetValues<TrialState>()) table.AddColumn(new TableColumn(s.Name()).RightAligned());
            foreach (var (leaf, trials) in report)
                table.AddRow([Markup.Escape(leaf), .. Enum.GetValues<TrialState>().Select(s => trials.Count(t => t.Record.State == s).ToString())]);
            AnsiConsole.Write(table);
            foreach (var line in Trials.Search.PastRung.Lines(report.SelectMany(l => l.Trials).Select(t => t.Record))) Console.WriteLine(line);
            foreach (var line in Running.Slurm.SlurmHeld.Lines(options.OutDir)) Console.WriteLine(line);
            foreach (var line in SeedLines(options)) Console.WriteLine(line);
            if (r.GetValue(perTrial))
            {
                var slurm = SlurmStates(report.SelectMany(l => l.Trials));
                foreach (var (_, trials) in report)
                    foreach (var t in trials) Console.WriteLine(Line(t, slurm));
            }
            return Exit.Ok;
        }));
        return command;
    }

    private static string Line(StatusLine t, IReadOnlyDictionary<string, string> slurm)
    {
        var axes = string.Join(" ", t.AxisValues.Select(v => $"{v.Key}={v.Value.Canonical}"));
        var task = t.Record.Claim is { SlurmJobId: { } job } c ? (c.SlurmTaskId is null ? job : $"{job}_{c.SlurmTaskId}") : null;
        var slurmText = task is null ? "" : $" slurm {task} {slurm.GetValueOrDefault(task, "unknown to squeue")}";
        var extra = t.Record switch
        {
            { State: TrialState.Running, Claim: { } claim } => $"  [{claim.Host}:{claim.Pid}{slurmText}]{OnGpus(t.Record)}",
            { Note: { } note } => $"  ({note}){(slurmText.Length > 0 ? $" [{slurmText.Trim()}]" : "")}",
            _ => "",
        };
        return $"{t.Record.State.Name(),-8} {t.Record.Id}  {axes}{extra}";
    }

    // The GPUs of a running trial, from the run.json its attempt wrote (" on gpu 2"); nothing without any.
    private static string OnGpus(Trials.TrialRecord r) => Running.Devices.DeviceEnvironment.Describe(r.Run?.Gpus) is { } on ? $" on {on}" : "";

    // Only asked when a trial is held by a Slurm task, so machines without Slurm never call squeue.
    private static IReadOnlyDictionary<string, string> SlurmStates(IEnumerable<StatusLine> trials)
    {
        var jobs = trials.Select(t => t.Record.Claim?.SlurmJobId).OfType<string>().Distinct().ToList();
        if (jobs.Count == 0) return new Dictionary<string, string>();
        try { return SlurmCommands.StatesAsync(jobs).GetAwaiter().GetResult(); }
        catch (Config.UsageException ex) { Console.Error.WriteLine($"warning: {ex.Message}"); return new Dictionary<string, string>(); }
    }

    /// <summary>The adaptive-seeds lines, or none when the cfg tree is gone or does not expand: status reports what is in
    /// out/log (orphans included) whatever the tree; expand says what is wrong with it.</summary>
    private static IReadOnlyList<string> SeedLines(Config.Expansion.ExpandOptions options)
    {
        if (!Directory.Exists(options.CfgDir)) return [];
        try { return [.. Running.Search.SeedStatus.Lines(options)]; }
        catch (Config.ConfigException) { return []; }
    }
}
