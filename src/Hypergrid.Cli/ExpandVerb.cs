using System.CommandLine;
using Hypergrid.Config.Expansion;
using Hypergrid.Running;
using Hypergrid.Running.Trainers;
using Spectre.Console;

namespace Hypergrid.Cli;

/// <summary>hypergrid expand: writes every trial's resolved cfg.yaml, or prints the trial tables with --dry-run.</summary>
public static class ExpandVerb
{
    public static Command Create()
    {
        var command = new Command("expand", "Expand the cfg tree into out/log/<mode>/<dataset>/<model>/<trainer>/trial_###/cfg.yaml");
        var tree = new TreeOptions(command);
        var dryRun = new Option<bool>("--dry-run") { Description = "Print each leaf's trial table; write nothing" };
        command.Options.Add(dryRun);
        command.SetAction(r => Exit.Guard(() =>
        {
            var options = tree.Read(r) with { DryRun = r.GetValue(dryRun) };
            var leaves = Expander.Expand(options);
            foreach (var warning in leaves.SelectMany(l => l.Warnings)) Console.Error.WriteLine(warning);
            foreach (var leaf in leaves)
            {
                if (options.DryRun) PrintTable(leaf);
                PrintSummary(leaf, options.DryRun);
            }
            return Exit.Ok;
        }));
        return command;
    }

    private static void PrintSummary(LeafExpansion leaf, bool dryRun)
    {
        var verb = dryRun ? "would write" : "wrote";
        Console.WriteLine($"{leaf.Plan.Leaf.RelativePath}: {leaf.Trials.Count} trials ({leaf.Added} new, {verb} {leaf.Written} cfg.yaml)");
        foreach (var o in leaf.Orphans)
            Console.WriteLine($"  orphan: {o.Directory} (its axis values are no longer in the tree; kept, not deleted)");
    }

    private static void PrintTable(LeafExpansion leaf)
    {
        var table = new Table { Title = new TableTitle(leaf.Plan.Leaf.File.DisplayPath) };
        table.AddColumn("trial");
        foreach (var axis in leaf.Plan.Axes) table.AddColumn($"{Markup.Escape(axis.Key)}\n[dim]{Markup.Escape(axis.File)}[/]");
        // A search leaf's proposed keys are columns too; a key an option did not bring is blank in that trial's row.
        var keys = leaf.Plan.Axes.Select(a => a.Key).Concat(leaf.Plan.Search?.Space.Keys ?? []).Distinct().ToList();
        foreach (var key in keys.Skip(leaf.Plan.Axes.Count)) table.AddColumn($"{Markup.Escape(key)}\n[dim]proposed[/]");
        // A program's trials: the command each one runs, its placeholders filled (each argument quoted when it needs to be).
        var programs = leaf.Trials.Count > 0 && TrainerBackends.For(leaf.Trials[0].Config).Command(leaf.Trials[0].Config) is not null;
        if (programs) table.AddColumn("command");
        foreach (var t in leaf.Trials)
            table.AddRow([t.Id.Folder, .. keys.Select(k => Markup.Escape(t.AxisValues.FirstOrDefault(v => v.Key == k)?.Value.Canonical ?? "")),
                .. programs ? [Markup.Escape(ShellWords.Line(TrainerBackends.For(t.Config).Command(t.Config) ?? [], readable: true))] : Array.Empty<string>()]);
        AnsiConsole.Write(table);
    }
}
