using System.CommandLine;
using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;
using Hypergrid.Findings;
using Hypergrid.Trials;

namespace Hypergrid.Cli;

/// <summary>hypergrid promote: writes the experiment leaf that reruns the best sweep trial (or a chosen one) over seeds.</summary>
public static class PromoteVerb
{
    public static Command Create()
    {
        var command = new Command("promote", "Write cfg/experiment/<dataset>/<model>/<trainer>/cfg.yaml from the best trial of a sweep leaf (or from one trial)");
        var target = new Argument<string>("sweep-leaf-or-trial") { Description = "sweep/<dataset>/<model>/<trainer> or sweep/<dataset>/<model>/<trainer>/trial_###" };
        var cfg = new Option<string>("--cfg") { Description = "The config tree", DefaultValueFactory = _ => "cfg" };
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ holds the sweep", DefaultValueFactory = _ => "out" };
        var seeds = new Option<string?>("--seeds") { Description = "Seeds of the experiment, e.g. 0,1,2,3,4 (default: the inherited seed list, else 0-4)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing experiment leaf (the difference is shown first)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the file; write nothing" };
        command.Arguments.Add(target);
        foreach (var o in new Option[] { cfg, outDir, seeds, force, dryRun }) command.Options.Add(o);
        var report = new ReportOptionSet(command);
        command.SetAction(r => Exit.Guard(() =>
        {
            var logRoot = Path.Combine(r.GetValue(outDir)!, "log");
            var (trial, why) = Source(r.GetValue(target)!, logRoot, r, report);
            var record = Trials.Code.CodeJudge.ForLog(logRoot).Judge(TrialRecord.Read(trial.DirectoryUnder(logRoot), trial, (string?)null));
            if (record.State == TrialState.Diverged) throw new UsageException($"{trial} {record.Note}; promote a trial that did not diverge");
            // Its values still stand; its ranking was made by code the study no longer holds: said, not hidden.
            if (record.State == TrialState.OtherCode) Console.Error.WriteLine($"note: {trial} was {record.Note}; the experiment trains today's code");
            var source = TrainedConfig.Of(logRoot, record)
                ?? throw new UsageException($"{trial} is not a complete trial (no batch_log.csv with rows beside its cfg.yaml, or run.json does not say complete); promote a complete trial");
            var config = TrialConfig.FromJson(source, trial + "/run.json");
            var text = Promoter.Render(r.GetValue(cfg)!, trial, config, Seeds(r.GetValue(seeds)), Training.TrialSchema.Instance, why);
            var path = Path.Combine(r.GetValue(cfg)!, Modes.Experiment, trial.Dataset, trial.Model, trial.Trainer, TrialFiles.Config);
            // Only a leaf under cfg/ is ever written (the names were checked; this says so for whatever the tree's links do).
            var cfgRoot = Path.GetFullPath(r.GetValue(cfg)!).TrimEnd('/') + "/";
            if (!Path.GetFullPath(path).StartsWith(cfgRoot, StringComparison.Ordinal))
                throw new UsageException($"promote writes only experiment leaves under {cfgRoot}, and {path} is not one");
            if (r.GetValue(dryRun))
            {
                Console.WriteLine($"# would write {LeafFinder.Display(path)}:");
                Console.Write(text);
                return Exit.Ok;
            }
            if (File.Exists(path))
            {
                if (!r.GetValue(force)) throw new UsageException($"{LeafFinder.Display(path)} exists; --force overwrites it (after showing the difference), --dry-run prints the new file");
                foreach (var line in Diff(File.ReadAllLines(path), text.TrimEnd('\n').Split('\n'))) Console.WriteLine(line);
            }
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.WriteAllText(path, text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // cfg/ is the user's tree, not --out: say which folder refused, and how to get the file anyway.
                var refused = ex is UnauthorizedAccessException ? "the folder is not writable (permission denied, or read-only)" : ex.Message;
                throw new UsageException($"cannot write {LeafFinder.Display(path)}: {refused}\n  hint: make {Path.GetDirectoryName(LeafFinder.Display(path))}/ (or the first of its folders that exists) writable, or print the file with --dry-run and save it yourself");
            }
            Console.WriteLine($"wrote {LeafFinder.Display(path)} from {trial} ({why}); train it with 'hypergrid experiment'");
            return Exit.Ok;
        }));
        return command;
    }

    // A leaf: its best trial by the report's metric; a trial: that one.
    private static (TrialId Trial, string Why) Source(string target, string logRoot, ParseResult r, ReportOptionSet report)
    {
        var parts = target.Replace('\\', '/').Trim('/').Split('/');
        if (parts.Length is not (4 or 5) || parts[0] != Modes.Sweep || !parts[..4].All(TrialId.IsName))
            throw new UsageException($"promote takes a sweep leaf or trial (sweep/<dataset>/<model>/<trainer>[/trial_###]), not '{target}'");
        if (parts.Length == 5)
            return (TrialId.TryParse(target) ?? throw new UsageException($"'{target}' is not a trial (…/trial_###)"), "chosen by hand");
        var options = report.Read(r, new Filters([parts[0]], [parts[1]], [parts[2]], [parts[3]]));
        var best = Reporter.Build(logRoot, options).Groups.First(g => g.Best);
        var number = int.Parse(best.Trials[0]["trial_".Length..], CultureInfo.InvariantCulture);
        return (new TrialId(parts[0], parts[1], parts[2], parts[3], number),
            $"best by {options.Metric} {(options.AtBest is { } a ? "at best " + a : options.Reduce)} = {best.Mean.ToString("0.####", CultureInfo.InvariantCulture)}");
    }

    private static IReadOnlyList<long>? Seeds(string? text)
    {
        if (text is null) return null;
        var seeds = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new UsageException($"--seeds {text}: '{s}' is not a non-negative integer")).ToList();
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count) throw new UsageException($"--seeds {text} must list distinct non-negative integers, e.g. 0,1,2,3,4");
        return seeds;
    }

    private static IEnumerable<string> Diff(string[] old, string[] now) =>
        old.Except(now).Select(l => "- " + l).Concat(now.Except(old).Select(l => "+ " + l));
}
