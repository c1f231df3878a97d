using System.Diagnostics;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;

namespace Hypergrid.Running;

/// <summary>
/// The worker: claims trials from a manifest until none are left. Local workers and cluster tasks
/// run exactly this, so both follow the same claim protocol on the same out/log.
/// </summary>
public static class Worker
{
    /// <summary>
    /// Runs the worker loop; returns the number of trials that failed. Passes over the manifest repeat while they train
    /// something (a search decision may have promoted paused trials), and wait while another worker trains a trial of a
    /// search leaf (its rung's decision may promote more).
    /// </summary>
    public static int Run(string manifest, WorkerSettings settings, TextWriter output, CancellationToken cancel)
    {
        var failed = 0;
        var dirs = File.ReadAllLines(manifest).Where(l => l.Length > 0).ToList();
        // search: is a leaf's (inherited, never an axis): one cfg.yaml a leaf says whether its trials are searched.
        var searched = dirs.GroupBy(Search.LeafSearch.LeafOf).Where(leaf => Search.LeafSearch.Of(leaf.First()) is not null).SelectMany(leaf => leaf).ToList();
        if (dirs.Count > 0 && Directory.Exists(Search.LeafSearch.LeafOf(dirs[0])) && ClockSkew.Measure(Search.LeafSearch.LeafOf(dirs[0])) is { } skew
            && ClockSkew.Describe(skew, Search.LeafSearch.LeafOf(dirs[0])) is { } said)
            output.WriteLine(said);
        var waitSaid = false;
        // Trials whose claim this worker lost: another worker has them, or something broke their claim; never claimed
        // again by this worker (a program that deletes claim.json would otherwise be started again and again).
        var lost = new HashSet<string>();
        var devices = Devices.DeviceGate.For(settings, output);
        while (!cancel.IsCancellationRequested)
        {
            var trained = 0;
            devices.Pass();
            foreach (var dir in dirs)
            {
                if (cancel.IsCancellationRequested) break;
                try
                {
                    if (lost.Contains(dir) || !Available(dir, settings.RunId)) continue;
                    // Its GPUs first (they are this machine's to share, and cheap to ask): a trial whose GPUs are busy waits.
                    using var lease = devices.Take(dir);
                    if (lease is null) continue;
                    using var claim = ClaimHandle.TryAcquire(dir);
                    if (claim is null || !Available(dir, settings.RunId)) continue;
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, claim.Lost);
                    trained++;
                    var outcome = RunOne(dir, devices.With(settings, lease), output, claim, either.Token);
                    // Its GPUs go as soon as it stops training: a search decision may wait on the leaf's lock.
                    lease.Dispose();
                    if (outcome.Status == RunStatus.Lost && lost.Add(dir) && ClaimDeleted(dir, output)) failed++;
                    if (outcome.Status == RunStatus.Failed) failed++;
                    if (outcome.Status is RunStatus.Paused or RunStatus.Complete && !cancel.IsCancellationRequested) DecideSearch(dir, output);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A trial folder that vanished or a full disk fails this trial, not the worker: the next one still trains.
                    var id = TrialId.FromDirectory(dir).ToString();
                    output.WriteLine(new TrialDone(id, RunStatus.Failed, 0, ex.Message).ToLine());
                    output.WriteLine($"{id}: failed: {ex.Message}");
                    failed++;
                }
            }
            if (trained > 0) continue;
            // A claim held on another host is taken over only once this worker has seen it unchanged for the timeout.
            // Not one this worker lost: it is never claimed again in this run, so waiting on it would be waiting for nothing.
            var watched = dirs.Count(d => !lost.Contains(d) && Available(d, settings.RunId) && ClaimNotYetKnown(d));
            if (!searched.Any(SearchTrialRunsElsewhere) && watched == 0 && !devices.Waiting) break;
            if (watched > 0 && !waitSaid)
            {
                waitSaid = true;
                output.WriteLine($"waiting up to {Claim.Timeout.TotalSeconds:0} s to see whether the claims of {watched} trial(s) held elsewhere are renewed (taken over if not)");
            }
            cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
        }
        return failed;
    }

    /// <summary>
    /// A claim lost because claim.json vanished while run.json is still this worker's (a program deleted it: a successor
    /// would have written its own run.json first) is not a takeover: the trial is claimed again, failed with what
    /// happened, and released. True when it was.
    /// </summary>
    private static bool ClaimDeleted(string dir, TextWriter output)
    {
        var path = Path.Combine(dir, TrialFiles.Claim);
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) return false;
        using var again = ClaimHandle.TryAcquire(dir);
        // Gone because a successor took the trial over, finished and released it: its run.json is not this worker's.
        if (again is null || File.Exists(Path.Combine(dir, TrialFiles.BatchLog))
            || RunRecord.TryRead(dir) is not { } mine || mine.Pid != Environment.ProcessId || mine.Host != Environment.MachineName) return false;
        var error = $"{TrialFiles.Claim} was deleted while the trial trained (by its program, or by hand): it is Hypergrid's claim on the trial and must be left as it is; " +
            "the program was stopped and the trial failed (the next run retries it)";
        (mine with { Status = RunStatus.Failed, Error = error, Ended = DateTimeOffset.UtcNow }).Write(dir);
        output.WriteLine($"{TrialId.FromDirectory(dir)}: failed: {error}");
        return true;
    }

    /// <summary>After a trial of a search leaf paused or completed: the decisions that are now due, made once under the leaf's lock.</summary>
    private static void DecideSearch(string dir, TextWriter output)
    {
        if (Search.LeafSearch.Of(dir) is not var (spec, epochs)) return;
        var leaf = Search.LeafSearch.LeafOf(dir);
        foreach (var line in Search.LeafSearch.Describe(Search.LeafSearch.Decide(leaf, spec, epochs, output.WriteLine)))
            output.WriteLine($"{TrialId.FromDirectory(dir).Leaf}: {line}");
    }

    // A trial still to train whose claim this worker has not yet seen renewed nor seen standing for the timeout.
    private static bool ClaimNotYetKnown(string dir) =>
        !File.Exists(Path.Combine(dir, TrialFiles.BatchLog)) && Claim.TryRead(dir) is { } claim && claim.Liveness() == ClaimWatch.Verdict.Unknown;

    // A trial of a search leaf that another worker trains now: when it reaches its rung, a decision may promote trials here.
    private static bool SearchTrialRunsElsewhere(string dir) =>
        Claim.TryRead(dir) is { } claim && claim.IsAlive() && !File.Exists(Path.Combine(dir, TrialFiles.BatchLog));

    /// <summary>Trains one claimed trial, telling the launcher (events) and the reader (plain lines) how it goes.</summary>
    private static RunRecord RunOne(string dir, WorkerSettings settings, TextWriter output, ClaimHandle claim, CancellationToken cancel)
    {
        var id = TrialId.FromDirectory(dir).ToString();
        var on = Devices.DeviceEnvironment.Describe(settings.TrialGpus);
        output.WriteLine(new TrialStarted(id) { Devices = on }.ToLine());
        output.WriteLine($"{id}: training on {Environment.MachineName} pid {Environment.ProcessId}{(on is null ? "" : $" {on}")}");
        using var file = OpenLog(dir);
        // One writer for the trial's log from several threads (a program's output pumps, progress, the worker's own lines).
        var log = TextWriter.Synchronized(file);
        var lastReport = 0L;
        void Progress(int epoch, int epochs, int batch, int batches, double loss)
        {
            // A few events a second are enough for a bar; the end of every epoch always gets one, and a plain
            // line for cluster logs and for the trial's own worker.log.
            var now = Stopwatch.GetTimestamp();
            var epochEnd = batch == batches - 1;
            if (now - lastReport < Stopwatch.Frequency / 4 && !epochEnd) return;
            lastReport = now;
            output.WriteLine(new TrialProgress(id, epoch, epochs, batch + 1, batches, loss).ToLine());
            if (!epochEnd) return;
            var line = $"epoch {epoch}/{epochs} done, last batch loss {loss:F4}";
            output.WriteLine($"{id}: {line}");
            log.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
        }
        void Say(string line)
        {
            output.WriteLine($"{id}: {line}");
            log.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
        }
        // The trainer is chosen once, here; the attempt's life is one owner's whatever trains it.
        var config = TrialConfig.Load(Path.Combine(dir, TrialFiles.Config), []);
        var backend = Trainers.TrainerBackends.For(config);
        // A search rung: the epoch it pauses after, from its leaf's decisions.
        var stopAfter = config is not null && Search.LeafSearch.Of(config) is var (search, epochs) ? Search.LeafSearch.StopAfter(dir, search, epochs) : null;
        var life = new Trials.Lifecycle.TrialAttempt(dir, settings.RunId, settings.Threads, backend.Versions(), log, claim.StillOwned, Say);
        life.Update(r => r with { Gpus = settings.TrialGpus }); // the devices it was given, whatever trains it
        var outcome = backend.Train(life, new Config.Trainers.TrainerRun(settings.DataDir, settings.Threads, settings.RunId, settings.ProgramDir, stopAfter, Progress, cancel)
        {
            Gpus = settings.Gpus,
            TrialGpus = settings.TrialGpus,
        });
        var seconds = outcome.Seconds ?? 0;
        output.WriteLine(new TrialDone(id, outcome.Status, seconds, outcome.Status == RunStatus.Complete ? null : outcome.Error).ToLine());
        // A complete trial was said by its executor, with its final metrics: once is enough.
        if (outcome.Status != RunStatus.Complete)
            output.WriteLine($"{id}: {outcome.Status.ToString().ToLowerInvariant()} in {seconds:F1} s{(outcome.Error is null ? "" : ": " + outcome.Error)}");
        return outcome;
    }

    // O_APPEND and whole lines: a worker that stalled and resumes after a takeover can only add lines, never overwrite the
    // new holder's. Never through a link: a program that put one (or a FIFO) in worker.log's place gets it removed, and said.
    private static TextWriter OpenLog(string dir)
    {
        var path = Path.Combine(dir, TrialFiles.WorkerLog);
        if (SafeFiles.OpenOwnForAppend(path) is { } checkedStream)
        {
            checkedStream.Dispose();
            return Trials.Posix.AppendLineWriter.Open(path);   // O_NOFOLLOW: a link put there since is refused, not followed
        }
        var was = new FileInfo(path).LinkTarget is { } target ? $"a link to {target}" : "not a regular file";
        File.Delete(path);
        var log = Trials.Posix.AppendLineWriter.Open(path);
        log.WriteLine($"{DateTimeOffset.UtcNow:O} worker.log was {Hypergrid.Config.Visible.Short(was)}, which Hypergrid never writes: removed, and this file started in its place");
        return log;
    }

    // The first rung of a searched trial's leaf, read once per trial and process (0 without a search).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> FirstRungs = new();

    private static int FirstRung(string dir) => FirstRungs.GetOrAdd(dir, d => Search.LeafSearch.Of(d) is var (spec, _) ? spec.Rungs[0] : 0);

    /// <summary>Trials of the manifest that still need training in this run (not complete, not failed in it).</summary>
    public static int Remaining(string manifest, string runId) =>
        File.ReadAllLines(manifest).Where(l => l.Length > 0).Count(dir => Available(dir, runId));

    // Complete trials and trials that already failed in this run are left alone; the next run retries failures.
    private static bool Available(string dir, string runId)
    {
        if (File.Exists(Path.Combine(dir, TrialFiles.BatchLog))) return false;
        // A program that exited 75 on its own asked to be continued later, not by this run at once.
        var run = RunRecord.TryRead(dir);
        // A trial paused at a search rung waits for a decision that promotes it past where it stopped.
        // Below the first rung (the rungs changed since it paused), it trains on to it.
        if (run is { Status: RunStatus.Paused, PausedAt: { } at }
            && Trials.Search.SearchDecision.Budget(Trials.Search.SearchDecision.ReadAll(Search.LeafSearch.LeafOf(dir)), TrialId.FromDirectory(dir).Number, Math.Max(at, FirstRung(dir))) <= at)
            return false;
        return run is not ({ Status: RunStatus.Failed } or { Status: RunStatus.Interrupted, Yielded: true }) || run.RunId != runId;
    }
}
