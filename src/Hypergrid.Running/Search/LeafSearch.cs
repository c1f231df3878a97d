using System.Globalization;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// A search leaf's decisions, without a coordinator: whichever worker (or Slurm task) finds decisions due makes them under
/// the leaf's lock and appends them to the leaf's decisions file; every worker reads its trials' budgets from that file.
/// The decision itself is its method's (<see cref="SearchMethods"/>), a pure function of the leaf read once
/// (<see cref="LeafSnapshotReader"/>); this class is the edge around it: the lock, the read, the write
/// (<see cref="DecisionWriter"/>) and what a decider is told.
/// </summary>
public static class LeafSearch
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

    /// <summary>The epochs a trial trains in all, as its trainer backend says (int.MaxValue: unbounded).</summary>
    public static int EpochsOf(TrialConfig config) => Trainers.TrainerBackends.For(config).Epochs(config);

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
        // Halving inside tpe's rounds is decided with the proposals, where the rounds are known (ProposalRounds).
        if (spec.InRounds) return [];
        var method = SearchMethods.Create(spec, epochs);
        using var gate = LeafLock.Acquire(leafDir, say);
        var log = SearchDecision.ReadLog(leafDir);
        Tell(leafDir, log, method.Settings, say);
        var step = method.Decide(LeafSnapshotReader.Read(leafDir, log.Decisions, DateTimeOffset.UtcNow));
        // A fault for tests only: a decision made but not yet written holds the lock a while, so that its worker can be killed there.
        if (step.Decisions.Count > 0 && Environment.GetEnvironmentVariable("HYPERGRID_FAULT_DECISION_MS") is { } ms && int.TryParse(ms, out var wait)) Thread.Sleep(wait);
        return DecisionWriter.Append(leafDir, step.Decisions, method.Settings);
    }

    // What a decider is told once per leaf and process: damage not counted, and settings that changed since the last round was made.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Told = new();

    /// <summary>Says, once per leaf and process, the damage a decisions file's reading did not count and a change of settings since its last round.</summary>
    public static void Tell(string leafDir, DecisionLog log, string settings, Action<string> say)
    {
        var file = Path.Combine(leafDir, SearchDecision.File);
        foreach (var damage in log.Damage)
            if (Told.TryAdd(file + "|" + damage, 0)) say($"{file}: {damage}");
        // Said until a round is made under the new settings.
        if (log.LatestSettings is { Length: > 0 } before && before != settings && Told.TryAdd(file + "|" + before + "|" + settings, 0))
            say($"{file}: the search settings changed since rounds were made under them (then: {before}; now: {settings}); "
                + "those rounds stay made and their promotions are never undone; rounds are decided again under the new settings");
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
