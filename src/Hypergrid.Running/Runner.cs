using System.Globalization;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;

namespace Hypergrid.Running;

/// <summary>
/// The C# run_trials: expands the tree, checking every trial against the registries before anything is
/// written, launches workers on the trials that need training, and summarises.
/// </summary>
public static class Runner
{
    public static async Task<RunSummary> RunAsync(RunOptions options, IRunDisplay display, CancellationToken cancel = default)
    {
        // A tpe search trains in rounds: each pass trains what is proposed, then the rounds its results make due are proposed
        // and trained in the next pass. Rounds due before the first pass (a run killed after its trials ended) come first.
        // Adaptive seeds likewise: each round's next seeds are trained in the next pass.
        Search.SearchRounds.ProposeDue(options, display);
        Search.SeedRounds.DecideDue(options, display);
        var summary = await RunPassAsync(options, display, 0, cancel);
        for (var pass = 1; !summary.Detached && !cancel.IsCancellationRequested && Search.SearchRounds.ProposeDue(options, display) + Search.SeedRounds.DecideDue(options, display) > 0; pass++)
            summary = summary.Then(await RunPassAsync(options, display, pass, cancel));
        return summary;
    }

    private static async Task<RunSummary> RunPassAsync(RunOptions options, IRunDisplay display, int pass, CancellationToken cancel)
    {
        // Plan and check every trial without writing; every mistake is reported at the cfg/ line that made it.
        var leaves = Expander.Expand(options.Expand with { DryRun = true, Schema = Trainers.TrainerBackends.Schema });
        foreach (var warning in leaves.SelectMany(l => l.Warnings)) display.Line(warning);
        // Decisions a search leaf is due (a larger keep, or values added to an axis, since the last run) come first: they
        // may promote paused trials, which this run then trains.
        foreach (var leaf in leaves.Where(l => l.Trials.Count > 0))
        {
            var dir = Search.LeafSearch.LeafOf(leaf.Trials[0].Directory);
            if (Directory.Exists(dir) && Search.LeafSearch.Of(leaf.Trials[0].Config) is var (spec, epochs))
                foreach (var line in Search.LeafSearch.Describe(Search.LeafSearch.Decide(dir, spec, epochs, display.Line))) display.Line($"{leaf.Trials[0].Id.Leaf}: {line}");
        }
        var records = leaves.SelectMany(l => l.Trials)
            .Select(t => (Trial: t, Record: TrialRecord.Read(t.Directory, t.Id, ResultHash.Current(t.Config, Trainers.TrainerBackends.Schema)))).ToList();
        records = OnOtherData(records, options.DataDir);
        // A program's result whose code files changed since it ran is kept, and shown as trained by other code.
        var code = new CodeJudge(StudyFolder(options), [options.Expand.OutDir]);
        records = records.Select(x => (x.Trial, code.Judge(x.Record))).ToList();
        int Count(TrialState s) => records.Count(x => x.Record.State == s);
        bool Retrain(TrialState s) => s == TrialState.Stale && options.RerunStale || s == TrialState.Damaged && options.RerunDamaged
            || s == TrialState.OtherCode && options.RetrainOtherCode;
        var todo = records.Where(x => x.Record.State is TrialState.Pending or TrialState.Failed || Retrain(x.Record.State) || BelowFirstRung(x.Trial, x.Record))
            .Select(x => x.Trial).ToList();
        // A trial asking for more GPUs than the run can give stops it here, before anything is written.
        Hypergrid.Config.ConfigException.ThrowIfAny(Devices.GpuCheck.Errors(todo, options.Launcher.Gpus(todo, options)));
        var summary = new RunSummary([], Count(TrialState.Complete) + Count(TrialState.Diverged) + (options.RerunStale ? 0 : Count(TrialState.Stale)) + (options.RetrainOtherCode ? 0 : Count(TrialState.OtherCode)))
        {
            OtherCode = options.RetrainOtherCode ? 0 : Count(TrialState.OtherCode),
            Diverged = Count(TrialState.Diverged),
            Stale = options.RerunStale ? 0 : Count(TrialState.Stale),
            Damaged = options.RerunDamaged ? 0 : Count(TrialState.Damaged),
            Running = Count(TrialState.Running),
        };
        Expander.Write(leaves);
        // Only after every trial checked: writing configs and moving results aside are the first writes of a run.
        foreach (var x in records.Where(x => Retrain(x.Record.State))) ArchiveResults(x.Trial.Directory);
        // Trials a worker on another host holds: whether it is alive is known only by watching its claim (clocks are not
        // compared), so this run's workers watch them and take one over that stops being renewed for the timeout.
        var elsewhere = records.Where(x => x.Record.State == TrialState.Running && x.Record.Claim is { } c && c.Host != Environment.MachineName)
            .Select(x => x.Trial).ToList();
        if (todo.Count == 0 && elsewhere.Count == 0) return summary;
        var launched = todo.Count > 0 ? todo : elsewhere;
        var checkpointed = todo.Where(t => Trainers.TrainerBackends.For(t.Config).HasProgress(t.Directory)).ToList();
        if (options.Restart && checkpointed.Count > 0)
        {
            foreach (var t in checkpointed) Trials.Lifecycle.TrialAttempt.Archive(t.Directory, [TrialFiles.Checkpoint, TrialFiles.PartialLog, Attempt.Folder]);
            display.Line($"--restart: {checkpointed.Count} checkpoint(s) moved to previous/; those trials start from scratch");
        }
        // Rows without a checkpoint are progress to move aside on --restart, but nothing to continue from.
        var resuming = options.Restart ? 0 : checkpointed.Count(t => Trainers.TrainerBackends.For(t.Config).CanContinue(t.Directory));

        // What a data source says depends on the dataset and the data folder, not the trial: one trial per dataset is asked.
        var backends = todo.GroupBy(t => (t.Leaf.Dataset, Backend: Trainers.TrainerBackends.For(t.Config))).ToList();
        foreach (var line in backends.Select(g => g.Key.Backend.DescribeData(g.First().Config, options.DataDir)).OfType<string>()) display.Line(line);
        foreach (var warning in backends.Select(g => g.Key.Backend.StartWarning).OfType<string>().Distinct()) display.Line(warning);

        var runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}" + (pass > 0 ? $"-{pass}" : "");
        var runDir = Path.Combine(options.Expand.OutDir, options.Launcher.Folder, runId);
        Directory.CreateDirectory(runDir);
        var manifest = Path.Combine(runDir, "trials.txt");
        // Paused trials of a search leaf that trains in this run may be promoted by its decisions: the workers see them too.
        var leavesTraining = todo.Select(t => t.Id.Leaf).ToHashSet();
        var waiting = records.Where(x => x.Record.State == TrialState.Paused && leavesTraining.Contains(x.Trial.Id.Leaf)).Select(x => x.Trial).ToList();
        AtomicFile.WriteAllText(manifest, string.Concat(todo.Concat(waiting).Concat(elsewhere).Select(t => Path.GetFullPath(t.Directory) + "\n")));
        var (workers, threads, chosen) = Split(options, launched);
        var settings = new WorkerSettings(Path.GetFullPath(options.DataDir), threads, runId)
        {
            ProgramDir = StudyFolder(options),
            Gpus = options.Gpus,
            PerGpu = options.PerGpu,
            DeviceDir = Path.GetFullPath(Path.Combine(options.Expand.LogDir, ".devices")), // made only when a worker has GPUs
        };
        display.Plan(todo.Count);
        display.Line($"training {todo.Count} trial(s) {options.Launcher.Describe(workers, settings)}{chosen}; {summary.AlreadyComplete} already complete"
            + (resuming > 0 ? $"; {resuming} continue from a checkpoint" : "")
            + (waiting.Count > 0 ? $"; {waiting.Count} paused at a search rung, trained on if a decision promotes them" : "")
            + (elsewhere.Count > 0 ? $"; {elsewhere.Count} held by workers on other hosts, taken over if their claims stop being renewed for {Claim.Timeout.TotalSeconds:0} s" : ""));
        var finished = await options.Launcher.LaunchAsync(new LaunchRequest(manifest, workers, settings, options.Command, runDir, launched), display, cancel);
        var rows = todo.Concat(waiting).Concat(elsewhere).Select(t => TrialRecord.Read(t.Directory, t.Id, ResultHash.Current(t.Config, Trainers.TrainerBackends.Schema))).ToList();
        // The rest of the selection as it ends: a trial another run was training may have completed meanwhile.
        var tried = todo.Concat(waiting).Concat(elsewhere).Select(t => t.Directory).ToHashSet();
        var othersComplete = records.Where(x => !tried.Contains(x.Trial.Directory))
            .Select(x => x.Record.State == TrialState.Running ? TrialRecord.Read(x.Trial.Directory, x.Trial.Id, ResultHash.Current(x.Trial.Config, Trainers.TrainerBackends.Schema)) : x.Record)
            .Count(r => r.State is TrialState.Complete or TrialState.Stale or TrialState.OtherCode or TrialState.Diverged); // as the opening line counts them
        return summary with { Rows = rows, Detached = !finished, RunId = runId, Selected = records.Count, OthersComplete = othersComplete };
    }

    // A trial paused below its leaf's first rung (the rungs were changed since it paused) trains on to the new first rung.
    private static bool BelowFirstRung(Trial trial, TrialRecord record) =>
        record is { State: TrialState.Paused, Run.PausedAt: { } at } && Search.LeafSearch.Of(trial.Config) is var (spec, _) && at < spec.Rungs[0];

    // The folder that holds cfg/: where programs run and where their code files are.
    private static string StudyFolder(RunOptions options) => Path.GetDirectoryName(Path.GetFullPath(options.Expand.CfgDir))!;

    /// <summary>
    /// Workers and threads per worker. Given flags win; otherwise, on a launcher whose workers share this machine's cores,
    /// the split with the shortest predicted makespan is taken; when that depends on how well the trials use threads,
    /// the first trial's batch is timed on one thread and on all cores first. Returns the note the opening line carries.
    /// </summary>
    private static (int Workers, int Threads, string Note) Split(RunOptions options, List<Trial> todo)
    {
        var cores = Environment.ProcessorCount;
        // With GPUs, K workers per GPU; the cores are split between them.
        if (options.Gpus is { } gpus && options.Launcher.SharesCores)
        {
            var workers = options.Launcher.Workers(gpus.Count * options.PerGpu, todo.Count);
            return (workers, options.Threads ?? Math.Max(1, cores / workers), $" ({options.PerGpu} per GPU on {gpus.Count} GPU(s))");
        }
        if (options.Workers is not null || !options.Launcher.SharesCores)
        {
            var workers = options.Launcher.Workers(options.Workers ?? 1, todo.Count);
            return (workers, options.Threads ?? Math.Max(1, cores / workers), "");
        }
        if (options.Threads is { } t) return (options.Launcher.Workers(Math.Max(1, cores / t), todo.Count), t, "");
        if (todo.Count == 1 || cores == 1) return (1, cores, "");
        // A program's thread scaling cannot be timed from here: one worker per core, each told its threads.
        if (todo.Any(t => !Trainers.TrainerBackends.For(t.Config).CanTimeBatches))
        {
            var n = Math.Min(cores, todo.Count);
            return (n, Math.Max(1, cores / n), " (programs: one worker per core, each given HYPERGRID_THREADS; --workers or --threads choose by hand)");
        }
        // Waves of ceil(trials / workers), each trial at the speed-up its threads give (s at all cores, linear in between).
        double Makespan(int workers, double s) =>
            Math.Ceiling(todo.Count / (double)workers) / (1 + (s - 1) * (cores / workers - 1) / (cores - 1));
        int Best(double s) => Enumerable.Range(1, Math.Min(cores, todo.Count)).OrderBy(n => Makespan(n, s)).ThenByDescending(n => n).First();
        // Threads never scale past the cores: when the same split wins from no speed-up to a perfect one, nothing needs timing.
        if (Best(1) == Best(cores))
            return (Best(1), cores / Best(1), $" (chosen: for {todo.Count} trials on {cores} cores the fastest split whatever the trials' thread scaling; --workers or --threads choose by hand)");
        var backend = Trainers.TrainerBackends.For(todo[0].Config);
        var budget = TimeSpan.FromSeconds(0.3);
        double one, all;
        try
        {
            one = backend.SecondsPerBatch(todo[0].Config, options.DataDir, 1, budget) ?? throw new InvalidOperationException($"the {backend.Name} trainer cannot time its batches");
            all = backend.SecondsPerBatch(todo[0].Config, options.DataDir, cores, budget) ?? throw new InvalidOperationException($"the {backend.Name} trainer cannot time its batches");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A trial that cannot even take a step (its sizes overflow memory, say) fails when it trains, with its own
            // message in run.json; the split is then chosen without timing.
            var untimed = Best(1);
            return (untimed, cores / untimed, $" (not timed: {todo[0].Id}'s first batch failed: {ex.Message.Split('\n')[0]}; --workers or --threads choose by hand)");
        }
        var speedup = Math.Clamp(one / all, 1, cores);
        var best = Best(speedup);
        var other = best == 1 ? Math.Min(cores, todo.Count) : 1;
        return (best, cores / best, string.Create(CultureInfo.InvariantCulture,
            $" (chosen from {todo[0].Id}'s first batches: {one * 1000:F1} ms a batch on 1 thread, {all * 1000:F1} ms on {cores}; " +
            $"predicted {Makespan(other, speedup) / Makespan(best, speedup):F2}x faster than {other} x {cores / other}; --workers or --threads choose by hand)"));
    }

    /// <summary>
    /// Complete results of the built-in trainers that were trained on other data than the data folder now holds (IDX files
    /// placed in data/ after a run on the npm sample, say) are stale: retrained with --rerun-stale, never pooled as if
    /// they were the same result. The data is loaded once per data source the trials use.
    /// </summary>
    private static List<(Trial Trial, TrialRecord Record)> OnOtherData(List<(Trial Trial, TrialRecord Record)> records, string dataDir)
    {
        return records.Select(x =>
        {
            if (x.Record is not { State: TrialState.Complete, Run.Data: { } ran }
                || Trainers.TrainerBackends.For(x.Trial.Config).DataChecksum(x.Trial.Config, dataDir) is not { } now) return x;
            return now == ran.Checksum ? x
                : (x.Trial, x.Record with { State = TrialState.Stale, Note = $"it was trained on other data ({ran.Source}); --rerun-stale retrains it" });
        }).ToList();
    }

    /// <summary>Moves a trial's results into previous/&lt;time&gt;/ (run.json there says what they ran with) so it can retrain; nothing is deleted.</summary>
    public static void ArchiveResults(string trialDir) => Trials.Lifecycle.TrialAttempt.Archive(trialDir, TrialFiles.Results);
}
