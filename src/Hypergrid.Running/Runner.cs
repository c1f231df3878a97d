using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Trials;
using Hypergrid.Config.Yaml;
using Hypergrid.Training;
using Hypergrid.Training.Data;

namespace Hypergrid.Running;

/// <summary>
/// The C# run_trials: expands the tree, validates every trial that will train against the
/// registries before any training starts, launches workers on them, and summarises.
/// </summary>
public static class Runner
{
    public static async Task<RunSummary> RunAsync(RunOptions options, IRunDisplay display, CancellationToken cancel = default)
    {
        // Plan without writing, check every trial against the registries, and only then write anything.
        var leaves = Expander.Expand(options.Expand with { DryRun = true });
        var plans = leaves.SelectMany(l => l.Trials.Select(t => (t.Id, l.Plan))).ToDictionary(x => x.Id, x => x.Plan);
        var trials = leaves.SelectMany(l => l.Trials).ToList();
        var states = trials.Select(t => (Trial: t, State: TrialStatus.Read(t.Directory, t.ConfigText).State)).ToList();
        int Count(TrialState s) => states.Count(x => x.State == s);
        var stale = options.RerunStale ? 0 : Count(TrialState.Stale);
        var running = Count(TrialState.Running);
        var complete = Count(TrialState.Complete) + stale;
        var todo = states.Where(x => x.State is TrialState.Pending or TrialState.Failed || x.State == TrialState.Stale && options.RerunStale)
            .Select(x => x.Trial).ToList();
        Validate(todo, t => plans[t.Id]);
        Expander.Write(leaves);
        // Only after every trial validated: writing configs and moving results aside are the first writes of a run.
        foreach (var x in states.Where(x => x.State == TrialState.Stale && options.RerunStale)) ArchiveLogs(x.Trial.Directory);
        if (todo.Count == 0) return new RunSummary([], complete) { Stale = stale, Running = running };

        foreach (var dataset in todo.Select(t => t.Leaf.Dataset).Distinct())
            if (dataset == "mnist") display.Line(MnistSource.Describe(options.DataDir));

        var runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}";
        var runDir = Path.Combine(options.Expand.OutDir, options.Launcher.Name == "local" ? "runs" : options.Launcher.Name, runId);
        Directory.CreateDirectory(runDir);
        var manifest = Path.Combine(runDir, "trials.txt");
        AtomicFile.WriteAllText(manifest, string.Concat(todo.Select(t => Path.GetFullPath(t.Directory) + "\n")));
        var workers = Math.Max(1, options.Launcher.Name == "local" ? Math.Min(options.Workers, todo.Count) : options.Workers);
        var settings = new WorkerSettings(Path.GetFullPath(options.DataDir), Math.Max(1, Environment.ProcessorCount / workers), runId);
        display.Plan(todo.Count);
        display.Line(options.Launcher.Name == "local"
            ? $"training {todo.Count} trial(s) with {workers} worker process(es), {settings.Threads} thread(s) each; {complete} already complete"
            : $"training {todo.Count} trial(s) on {options.Launcher.Name}; {complete} already complete");
        var finished = await options.Launcher.LaunchAsync(new LaunchRequest(manifest, workers, settings, options.Command, runDir, todo), display, cancel);
        return new RunSummary(todo.Select(Summarise).ToList(), complete) { Detached = !finished, Stale = stale, Running = running };
    }

    /// <summary>
    /// Parses every trial's resolved config against the registries; throws with all problems. A problem
    /// with a key is reported where the user wrote that key (cfg/...), once, not once per trial.
    /// </summary>
    public static void Validate(IEnumerable<Trial> trials, Func<Trial, LeafPlan>? planOf = null)
    {
        var errors = new List<ConfigError>();
        foreach (var t in trials)
        {
            var found = new List<ConfigError>();
            var map = YamlLoader.LoadMapping(t.ConfigText, t.ConfigPath, found);
            if (map is not null) TrialSpec.Parse(map, t.ConfigPath, found);
            var plan = planOf?.Invoke(t);
            errors.AddRange(found.Select(e => AtSource(e, plan)));
        }
        ConfigException.ThrowIfAny(errors.Distinct().ToList());
    }

    private static ConfigError AtSource(ConfigError e, LeafPlan? plan)
    {
        if (plan is null) return e;
        var entry = plan.Entries.FirstOrDefault(x => x.Key == e.Key);
        if (entry is null) return e;
        // Keys from the folder path have no line: the leaf's cfg.yaml is the file to look at.
        return e with { Where = entry.KeyMark.Line > 0 ? entry.KeyMark : new SourceMark(plan.Leaf.File.DisplayPath, 0, 0) };
    }

    private static SummaryRow Summarise(Trial t)
    {
        var s = TrialStatus.Read(t.Directory, t.ConfigText);
        var run = s.Run;
        return new SummaryRow(t.Id, s.State, Get(run, "val_loss"), Get(run, "val_acc"), run?.Seconds, run?.Error);
    }

    private static double? Get(RunRecord? run, string key) => run?.Final.TryGetValue(key, out var v) == true ? v : null;

    /// <summary>Moves a stale trial's results into previous/&lt;time&gt;/ so it can retrain; nothing is deleted.</summary>
    public static void ArchiveLogs(string trialDir)
    {
        var target = Path.Combine(trialDir, "previous", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(target);
        foreach (var name in new[] { TrialFiles.BatchLog, TrialFiles.EpochLog, TrialFiles.Run, TrialFiles.WorkerLog, "batch_log.failed.csv" })
        {
            var from = Path.Combine(trialDir, name);
            if (File.Exists(from)) File.Move(from, Path.Combine(target, name));
        }
    }
}
