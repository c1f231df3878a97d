using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;
using Hypergrid.Config.Search;
using Hypergrid.Config.Yaml;
using Hypergrid.Training;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Posix;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// Successive halving over a sweep leaf, without a coordinator: whichever worker (or Slurm task) finds a rung ready makes
/// its decision under the leaf's lock and appends it to the leaf's decisions file; every worker reads its trials'
/// budgets from that file. A rung is decided once every trial admitted to it has reached it (ties broken by trial
/// number), so the same tree gives the same decisions whatever the number of workers and the order they finish in; a
/// decision already made is never undone, and a larger set (values added to an axis) or a larger keep adds promotions.
/// </summary>
public static class Halving
{
    /// <summary>A trial's search and epochs, from its cfg.yaml (null: no search, or a config that does not read).</summary>
    public static (SearchSpec Spec, int Epochs)? Of(string trialDir)
    {
        var config = TrialConfig.Load(Path.Combine(trialDir, TrialFiles.Config), []);
        return config is null ? null : Of(config);
    }

    public static (SearchSpec Spec, int Epochs)? Of(TrialConfig config)
    {
        var spec = SearchSpec.Parse(config[SearchSpec.Key], (config["mode"] as CfgScalar)?.Text ?? "", null, []);
        return spec is null ? null : (spec, EpochsOf(config));
    }

    /// <summary>The epochs a trial trains in all: its trainer's, or a program's <c>epochs</c> key (unbounded without one).</summary>
    public static int EpochsOf(TrialConfig config)
    {
        if (ProgramSchema.IsProgram(config))
            return config["epochs"] is CfgScalar { Integer: { } e and > 0 and < int.MaxValue } ? (int)e : int.MaxValue;
        return TrialSpec.Parse(config, [], out _) is { } spec ? spec.TrainerFactory.Settings.Epochs : int.MaxValue;
    }

    /// <summary>The epoch a trial pauses after (its budget), or null when it may train to the end.</summary>
    public static int? StopAfter(string trialDir, SearchSpec spec, int epochs)
    {
        var budget = SearchDecision.Budget(SearchDecision.ReadAll(LeafOf(trialDir)), TrialId.FromDirectory(trialDir).Number, spec.Rungs[0]);
        return budget >= epochs ? null : budget;
    }

    public static string LeafOf(string trialDir) => Path.GetDirectoryName(Path.GetFullPath(trialDir).TrimEnd('/'))!;

    /// <summary>
    /// Makes every decision of the leaf that is due and appends it; returns the rounds this call made (none when nothing
    /// was due, or when another decider wrote the same rounds first). Correct without the lock: see <see cref="DecisionFile"/>.
    /// What a decider should know is said through <paramref name="say"/>: a lock that failed, rounds not counted, settings
    /// changed since decisions were made.
    /// </summary>
    public static IReadOnlyList<SearchDecision> Decide(string leafDir, SearchSpec spec, int epochs, Action<string>? say = null)
    {
        say ??= _ => { };
        using var gate = LeafLock.Acquire(leafDir, say);
        var log = SearchDecision.ReadLog(leafDir);
        Tell(leafDir, log, Settings(spec, epochs), say);
        var decisions = log.Decisions;
        // The leaf's trials on disk (folders with canonical names and a cfg.yaml).
        var trials = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories(leafDir))
            if (TrialFiles.TryParseFolder(Path.GetFileName(dir), out var number) && File.Exists(Path.Combine(dir, TrialFiles.Config))) trials[number] = dir;
        var fresh = new List<SearchDecision>();
        var now = DateTimeOffset.UtcNow;
        for (var rung = 0; rung < spec.Rungs.Count; rung++)
        {
            var epoch = spec.Rungs[rung];
            var all = decisions.Concat(fresh).ToList();
            var admitted = rung == 0 ? trials.Keys.Order().ToList()
                : all.Where(d => d.Rung == rung - 1 && d.Promotes).Select(d => d.Trial).Distinct().Where(trials.ContainsKey).Order().ToList();
            if (admitted.Count == 0) break;
            var reached = admitted.Where(t => Reached(trials[t], epoch, all.Any(d => d.Rung == rung && d.Trial == t && d.Promotes))).ToList();
            var settled = reached.Count == admitted.Count;
            // Synchronous: a rung is decided only over all its trials, and a later rung only once this one is settled.
            if (!spec.Async && !settled) break;
            var compared = spec.Async ? reached : admitted;
            if (compared.Count == 0) break;
            var to = spec.NextEpoch(rung, epochs);
            var round = Round(rung, epoch, to, spec, compared);
            if (all.Any(d => d.Round == round)) continue;
            var sign = spec.Goal == "max" ? -1 : 1;
            var ranked = compared.Select(t => (Trial: t, Value: ValueAt(trials[t], spec, epoch)))
                .OrderBy(x => x.Value is null ? 1 : 0).ThenBy(x => sign * (x.Value ?? 0)).ThenBy(x => x.Trial).ToList();
            // Asynchronous (ASHA): the top fraction of those that reached the rung so far, none until the fraction is one.
            var kept = spec.Async && !settled ? (int)Math.Floor(spec.Keep * ranked.Count + 1e-9) : spec.Kept(ranked.Count);
            var cutoff = kept > 0 ? ranked[kept - 1].Value : null;
            for (var i = 0; i < ranked.Count; i++)
            {
                var before = all.Any(d => d.Rung == rung && d.Trial == ranked[i].Trial && d.Promotes);
                var decision = before ? SearchDecision.Promoted : i < kept && ranked[i].Value is not null ? SearchDecision.Promote : SearchDecision.Pause;
                fresh.Add(new SearchDecision(round, rung, epoch, ranked[i].Trial, ranked[i].Value, i + 1, ranked.Count, cutoff, decision, to, now));
            }
        }
        // A fault for tests only: a decision made but not yet written holds the lock a while, so that its worker can be killed there.
        if (fresh.Count > 0 && Environment.GetEnvironmentVariable("HYPERGRID_FAULT_DECISION_MS") is { } ms && int.TryParse(ms, out var wait)) Thread.Sleep(wait);
        if (fresh.Count == 0) return fresh;
        // One record, one write, at the end of the file as it is then: no decider can erase another's rounds.
        var by = $"{Environment.MachineName} {Environment.ProcessId} {Guid.NewGuid():N}";
        var path = Path.Combine(leafDir, SearchDecision.File);
        var record = DecisionFile.Format(fresh.GroupBy(d => d.Round), Settings(spec, epochs), by);
        AppendFile.Append(path, Encoding.UTF8.GetBytes(EndsInsideALine(path) ? "\n" + record : record));
        // A round another decider wrote first is its, and said by it: this one says only those it made.
        var made = SearchDecision.ReadLog(leafDir).MadeBy;
        return fresh.Where(d => made.GetValueOrDefault(d.Round) == by).ToList();
    }

    // A file cut inside a line (a writer killed mid-write on a filesystem that tore it): the next record starts on a line of its own.
    private static bool EndsInsideALine(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (f.Length == 0) return false;
            f.Position = f.Length - 1;
            return f.ReadByte() != '\n';
        }
        catch (FileNotFoundException) { return false; }
    }

    /// <summary>The settings a round is made under, as its end line records them: what a later change is compared with.</summary>
    public static string Settings(SearchSpec spec, int epochs) => string.Create(CultureInfo.InvariantCulture,
        $"rungs [{string.Join(", ", spec.Rungs)}], keep {spec.Keep:R}, metric {spec.Metric}, goal {spec.Goal}, reduce {spec.Reduce}, async {(spec.Async ? "true" : "false")}, epochs {(epochs == int.MaxValue ? "unbounded" : epochs)}");

    // What a decider is told once per leaf and process: damage not counted, and settings that changed since the last round was made.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Told = new();

    private static void Tell(string leafDir, DecisionLog log, string settings, Action<string> say)
    {
        var file = Path.Combine(leafDir, SearchDecision.File);
        foreach (var damage in log.Damage)
            if (Told.TryAdd(file + "|" + damage, 0)) say($"{file}: {damage}");
        // Said until a round is made under the new settings.
        if (log.LatestSettings is { Length: > 0 } before && before != settings && Told.TryAdd(file + "|" + before + "|" + settings, 0))
            say($"{file}: the search settings changed since rounds were made under them (then: {before}; now: {settings}); "
                + "those rounds stay made and their promotions are never undone; rounds are decided again under the new settings");
    }

    // One round per rung, keep and set of trials compared: the same question is never decided twice.
    // The rung's epoch and where its promotions go are part of the question: a change of rungs or epochs is a new round.
    private static string Round(int rung, int epoch, int to, SearchSpec spec, IReadOnlyList<int> trials)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{rung}|{epoch}|{to}|{spec.Keep:R}|{spec.Metric}|{spec.Goal}|{spec.Reduce}|{string.Join(',', trials)}");
        return $"r{rung}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]}";
    }

    /// <summary>
    /// Whether a trial has finished a rung's epoch: complete, paused at or after it, promoted past it already, or with a
    /// checkpoint that resumes after it.
    /// </summary>
    private static bool Reached(string trialDir, int epoch, bool promotedHere)
    {
        if (promotedHere || File.Exists(Path.Combine(trialDir, TrialFiles.BatchLog))) return true;
        var run = RunRecord.TryRead(trialDir);
        if (run is { Status: RunStatus.Paused, PausedAt: { } at } && at >= epoch) return true;
        return Attempt.LiveCheckpoint(trialDir) is { } path && CheckpointHeader.TryRead(path) is { } h && h.Epoch > epoch;
    }

    /// <summary>
    /// The trial's value at a rung, read from its log as report reads it (epochs up to the rung's); null when its log
    /// has no row of the metric's phase at or past the rung's epoch (it has not reached the rung).
    /// </summary>
    public static double? ValueAt(string trialDir, SearchSpec spec, int epoch)
    {
        var log = File.Exists(Path.Combine(trialDir, TrialFiles.BatchLog)) ? Path.Combine(trialDir, TrialFiles.BatchLog) : Attempt.LivePartialLog(trialDir);
        if (log is null) return null;
        // Read as the trial's own file: a link or a FIFO a lingering process put in its place reads as no value, never
        // a file outside out/log or a decider blocked under the leaf's lock.
        byte[]? bytes;
        try { bytes = SafeFiles.ReadOwnBytes(log); }
        catch (IOException) { return null; }
        if (bytes is null) return null;
        var metric = MetricName.Parse(spec.Metric, "search.metric"); // checked when the tree was expanded
        var table = EpochAggregator.FromBytes(bytes);
        // A trial that ended (exit 0, a shorter run) before the rung's epoch did not reach it: no value, never an earlier epoch's.
        if (table is null || !table.RowsOf(metric.Phase).Any(r => table.Epochs[r] >= epoch)) return null;
        var value = table.Value(metric.Phase, metric.Column, spec.Reduce, spec.Goal, epoch);
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    /// <summary>What a worker says of new decisions: "rung 1 (epoch 1): 9 of 27 go on to epoch 3, cut-off 0.9312".</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<SearchDecision> fresh) =>
        fresh.GroupBy(d => d.Round).Select(g =>
        {
            var first = g.First();
            var on = g.Count(d => d.Promotes);
            var cut = first.Cutoff?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none";
            var missing = g.Count(d => d.Value is null);
            var without = missing == 0 ? "" : $"; {missing} without a value at epoch {first.Epoch} (ended before it, or no finite value), ranked last";
            return $"search rung {first.Rung + 1} (epoch {first.Epoch}): {on} of {first.Of} go on to epoch {first.To}, cut-off {cut}{without}";
        });
}
