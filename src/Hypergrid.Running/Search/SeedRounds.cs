using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Config.Tree;
using Hypergrid.Findings.Adaptive;
using Hypergrid.Trials;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// Adaptive seeds' rounds, without a coordinator: whichever run finds a section's admitted trials all complete decides
/// its next round under the section's lock (<see cref="SeedDecisions.Lock"/>) and appends it to the section's
/// <see cref="SeedDecisions.File"/>; expansion then makes the next seed's trial folders for the groups it continued. The
/// decision is <see cref="AdaptiveSeeds.Decide"/>, a pure function of the section's values read once, so one worker,
/// two, Slurm tasks or a run killed and continued make the same rounds. A section is every experiment leaf of a dataset
/// with <c>seeds:</c>, whatever the run's filters select (a round over part of a section would depend on the filter).
/// </summary>
public static class SeedRounds
{
    /// <summary>Decides every round due in the sections the run selects; returns how many groups got another seed.</summary>
    public static int DecideDue(RunOptions options, IRunDisplay display)
    {
        var expand = options.Expand with { DryRun = true, Schema = Trainers.TrainerBackends.Schema };
        var datasets = Expander.PlanAll(expand.CfgDir, expand.Filters ?? Filters.All, expand.MaxTrials)
            .Where(p => p.Seeds is not null).Select(p => p.Leaf.Dataset).Distinct().Order(StringComparer.Ordinal).ToList();
        var continued = 0;
        foreach (var dataset in datasets)
        {
            var section = SectionDir(expand.LogDir, dataset);
            var one = expand with { Filters = new Filters([Modes.Experiment], [dataset]) };
            foreach (var round in Decide(section, () => Expander.Expand(one).Where(l => l.Plan.Seeds is not null).ToList(), expand.Schema, display.Line))
            {
                display.Line(Describe($"{Modes.Experiment}/{dataset}", round));
                continued += round.Continue.Count;
            }
        }
        return continued;
    }

    /// <summary>The folder of a dataset's experiment section under out/log: where its rounds are recorded.</summary>
    public static string SectionDir(string logDir, string dataset) => Path.Combine(logDir, Modes.Experiment, dataset);

    /// <summary>
    /// Decides the rounds due in one section, in order (each round's next seeds may already be complete: a result kept
    /// from before, or a round cut short and decided again), and appends each. <paramref name="expand"/> plans the
    /// section's leaves with their admitted seeds (called under the lock, after each round).
    /// </summary>
    public static IReadOnlyList<SeedRound> Decide(string sectionDir, Func<IReadOnlyList<LeafExpansion>> expand, IConfigSchema? schema, Action<string>? say = null)
    {
        say ??= _ => { };
        Directory.CreateDirectory(sectionDir);
        using var gate = LeafLock.Acquire(sectionDir, SeedDecisions.Lock, say);
        var made = new List<SeedRound>();
        while (true)
        {
            var leaves = expand();
            if (leaves.Count == 0) return made;
            var spec = leaves[0].Plan.Seeds!;
            var log = SeedDecisions.Read(sectionDir);
            foreach (var damage in log.Damage) say($"{Path.Combine(sectionDir, SeedDecisions.File)}: {damage}");
            // Said once per process and change, as halving's changed settings are (LeafSearch).
            if (AdaptiveSeeds.SettingsChange(spec, log) is { } change && Told.TryAdd(sectionDir + "|" + change, 0))
                say($"{Path.Combine(sectionDir, SeedDecisions.File)}: {change}");
            var values = leaves.ToDictionary(l => l.Plan.Leaf.RelativePath, l => Values(l, spec, schema));
            if (AdaptiveSeeds.Decide(spec, values, log.Rounds, spec.Goal == "max") is not { } round) return made;
            SeedDecisions.Append(sectionDir, SeedDecisions.Format(round, spec.Settings, $"{Environment.MachineName} {Environment.ProcessId}", DateTimeOffset.UtcNow));
            made.Add(round);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Told = new();

    /// <summary>A leaf's values per admitted seed, in seed order: null where the trial is not complete, NaN where it is complete without a finite value.</summary>
    public static IReadOnlyList<double?> Values(LeafExpansion leaf, SeedsSpec spec, IConfigSchema? schema)
    {
        var bySeed = leaf.Trials.ToDictionary(t => (t.Config["seed"] as Config.Yaml.CfgScalar)?.Integer ?? -1);
        var admitted = leaf.Plan.Axes.First(a => a.Key == "seed").Values.Count;
        return spec.Seeds.Take(admitted).Select(seed =>
        {
            if (!bySeed.TryGetValue(seed, out var t)) return null;
            var record = TrialRecord.Read(t.Directory, t.Id, ResultHash.Current(t.Config, schema));
            if (record.State != TrialState.Complete) return (double?)null;
            return TrialValue.Of(t.Directory, spec.Metric, spec.Reduce, spec.Goal) ?? double.NaN; // complete without a finite value: never ranked
        }).ToList();
    }

    /// <summary>"experiment/mnist: seeds round 2 (4 seeds each): best experiment/mnist/cnn/adam; stopped: …; next seed: …".</summary>
    public static string Describe(string section, SeedRound round)
    {
        var stopped = round.Stopped.Count == 0 ? "none stopped"
            : "stopped: " + string.Join(", ", round.Stopped.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} ({kv.Value})"));
        var next = round.Continue.Count == 0 ? "the section is decided" : "next seed for: " + string.Join(", ", round.Continue);
        return string.Create(CultureInfo.InvariantCulture, $"{section}: adaptive seeds round {round.Number} at {round.Seeds} seed(s) each: best {round.Best}; {stopped}; {next}");
    }
}
