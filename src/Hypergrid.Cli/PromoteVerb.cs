using System.CommandLine;
using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Tree;
using Hypergrid.Findings;
using Hypergrid.Trials;

namespace Hypergrid.Cli;

/// <summary>
/// hypergrid promote: writes the experiment leaf that reruns the best sweep trial (or a chosen one) over seeds, or with
/// --top K one leaf for each of the K best settings, named by what differs between them.
/// </summary>
public static class PromoteVerb
{
    public static Command Create()
    {
        var command = new Command("promote", "Write cfg/experiment/<dataset>/<model>/<trainer>/cfg.yaml from the best trial of a sweep leaf (or from one trial), or with --top K one leaf per setting");
        var target = new Argument<string>("sweep-leaf-or-trial") { Description = "sweep/<dataset>/<model>/<trainer> or sweep/<dataset>/<model>/<trainer>/trial_###" };
        var cfg = new Option<string>("--cfg") { Description = "The config tree", DefaultValueFactory = _ => "cfg" };
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ holds the sweep", DefaultValueFactory = _ => "out" };
        var seeds = new Option<string?>("--seeds") { Description = "Seeds of the experiment, e.g. 0,1,2,3,4 (default: the inherited seed list, else 0-4)" };
        var top = new Option<int?>("--top") { Description = "Promote the K best settings of the sweep leaf, each to cfg/experiment/<dataset>/<model>/<trainer>@<the keys that differ>/ (e.g. adam@lr=0.01,layers=2)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing experiment leaf whose contents differ (the difference is shown first)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the file(s); write nothing" };
        command.Arguments.Add(target);
        foreach (var o in new Option[] { cfg, outDir, seeds, top, force, dryRun }) command.Options.Add(o);
        var report = new ReportOptionSet(command);
        command.SetAction(r => Exit.Guard(() =>
        {
            var cfgDir = r.GetValue(cfg)!;
            var logRoot = Path.Combine(r.GetValue(outDir)!, "log");
            var seedList = Seeds(r.GetValue(seeds));
            if (r.GetValue(top) is { } k)
            {
                var (leaves, left) = Top(Parts(r.GetValue(target)!, leafOnly: true), k, cfgDir, logRoot, seedList, report.Read(r, Filters.All) with { IncludePaused = false });
                return PromotedLeaves.Write(cfgDir, leaves, left, r.GetValue(force), r.GetValue(dryRun));
            }
            var (trial, why) = Source(r.GetValue(target)!, logRoot, r, report);
            return PromotedLeaves.Write(cfgDir, [Leaf(cfgDir, logRoot, trial, trial.Trainer, seedList, why)], [], r.GetValue(force), r.GetValue(dryRun));
        }));
        return command;
    }

    // The leaf for one trial, in the trainer folder given: its config as trained, less what the experiment tree gives.
    private static PromotedLeaves.Leaf Leaf(string cfgDir, string logRoot, TrialId trial, string folder, IReadOnlyList<long>? seeds, string why)
    {
        var record = Trials.Code.CodeJudge.ForLog(logRoot).Judge(TrialRecord.Read(trial.DirectoryUnder(logRoot), trial, (string?)null));
        if (record.State == TrialState.Diverged) throw new UsageException($"{trial} {record.Note}; promote a trial that did not diverge");
        // Its values still stand; its ranking was made by code the study no longer holds: said, not hidden.
        if (record.State == TrialState.OtherCode) Console.Error.WriteLine($"note: {trial} was {record.Note}; the experiment trains today's code");
        var source = TrainedConfig.Of(logRoot, record)
            ?? throw new UsageException($"{trial} is not a complete trial (no batch_log.csv with rows beside its cfg.yaml, or run.json does not say complete); promote a complete trial");
        var config = TrialConfig.FromJson(source, trial + "/run.json");
        var text = Promoter.Render(cfgDir, trial, config, seeds, Training.TrialSchema.Instance, why);
        return new(Path.Combine(cfgDir, Modes.Experiment, trial.Dataset, trial.Model, folder, TrialFiles.Config), text, $"{trial} ({why})");
    }

    // The K best settings of a leaf, each in <trainer>@<label>; and the leaves an earlier --top of this leaf wrote that are not among them.
    private static (List<PromotedLeaves.Leaf> Leaves, List<string> Left) Top(string[] parts, int k, string cfgDir, string logRoot, IReadOnlyList<long>? seeds, ReportOptions all)
    {
        var leaf = string.Join('/', parts);
        var options = all with { Filters = new Filters([parts[0]], [parts[1]], [parts[2]], [parts[3]]) };
        var built = Reporter.Build(logRoot, options);
        var settings = TopSettings.Of(built.Groups.Where(g => g.Leaf == leaf).ToList(), built.Goal, k, leaf, options.Metric);
        var leaves = settings.Select(s =>
        {
            var trial = TrialId.TryParse($"{leaf}/{s.Group.Trials[0]}")!.Value;
            return Leaf(cfgDir, logRoot, trial, TrainerFolder.Labelled(trial.Trainer, s.Label), seeds, $"rank {s.Rank} {Why(options, s.Group.Mean)}");
        }).ToList();
        var experiment = Path.Combine(cfgDir, Modes.Experiment, parts[1], parts[2]);
        var prefix = TrainerFolder.Labelled(parts[3], "");
        var left = !Directory.Exists(experiment) ? [] : Directory.GetDirectories(experiment).Order(StringComparer.Ordinal)
            .Where(d => Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal) && !leaves.Any(l => Path.GetDirectoryName(l.Path) == d))
            .Select(d => Path.Combine(d, TrialFiles.Config))
            .Where(f => File.Exists(f) && File.ReadLines(f).FirstOrDefault()?.StartsWith($"{Promoter.Header}{leaf}/", StringComparison.Ordinal) == true)
            .Select(LeafFinder.Display).ToList();
        return (leaves, left);
    }

    // A leaf or a trial of a sweep, as checked folder names.
    private static string[] Parts(string target, bool leafOnly)
    {
        var parts = target.Replace('\\', '/').Trim('/').Split('/');
        if (parts.Length is not (4 or 5) || parts[0] != Modes.Sweep || !parts[..4].All(TrialId.IsName))
            throw new UsageException($"promote takes a sweep leaf or trial (sweep/<dataset>/<model>/<trainer>[/trial_###]), not '{target}'");
        if (leafOnly && parts.Length == 5) throw new UsageException($"--top K promotes the K best settings of a sweep leaf (sweep/<dataset>/<model>/<trainer>), not of one trial ('{target}'); drop --top to promote that trial");
        return parts;
    }

    // A leaf: its best trial by the report's metric; a trial: that one.
    private static (TrialId Trial, string Why) Source(string target, string logRoot, ParseResult r, ReportOptionSet report)
    {
        var parts = Parts(target, leafOnly: false);
        if (parts.Length == 5)
            return (TrialId.TryParse(target) ?? throw new UsageException($"'{target}' is not a trial (…/trial_###)"), "chosen by hand");
        var options = report.Read(r, new Filters([parts[0]], [parts[1]], [parts[2]], [parts[3]]));
        var best = Reporter.Build(logRoot, options).Groups.First(g => g.Best);
        var number = int.Parse(best.Trials[0]["trial_".Length..], CultureInfo.InvariantCulture);
        return (new TrialId(parts[0], parts[1], parts[2], parts[3], number), "best " + Why(options, best.Mean));
    }

    private static string Why(ReportOptions options, double mean) =>
        $"by {options.Metric} {(options.AtBest is { } a ? "at best " + a : options.Reduce)} = {mean.ToString("0.####", CultureInfo.InvariantCulture)}";

    private static IReadOnlyList<long>? Seeds(string? text)
    {
        if (text is null) return null;
        var seeds = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new UsageException($"--seeds {text}: '{s}' is not a non-negative integer")).ToList();
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count) throw new UsageException($"--seeds {text} must list distinct non-negative integers, e.g. 0,1,2,3,4");
        return seeds;
    }
}
