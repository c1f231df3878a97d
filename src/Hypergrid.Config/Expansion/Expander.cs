using System.Collections.Concurrent;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;

namespace Hypergrid.Config.Expansion;

/// <summary>
/// Expands a cfg tree into trial folders: validates every selected leaf and (with a schema) every trial first,
/// then numbers the trials, keeping the numbers of existing ones, which are matched by their axis values
/// compared as values, and writes only the cfg.yaml files that changed. Planning reads; only <see cref="Write(IEnumerable{LeafExpansion})"/> writes.
/// </summary>
public static class Expander
{
    /// <summary>The C# form of run_trials' expansion step. Throws <see cref="ConfigException"/> with every error, before writing anything.</summary>
    public static IReadOnlyList<LeafExpansion> Expand(ExpandOptions options)
    {
        var plans = PlanAll(options.CfgDir, options.Filters ?? Filters.All, options.MaxTrials);
        var errors = new List<ConfigError>();
        var results = plans.Select(plan => ExpandLeaf(plan, Path.Combine(options.LogDir, plan.Leaf.RelativePath), options.Schema, errors)).ToList();
        ConfigException.ThrowIfAny(errors);
        if (!options.DryRun) Write(results);
        return results;
    }

    /// <summary>
    /// Writes the cfg.yaml files a (dry-run) expansion found missing or changed, temp file + rename each.
    /// A caller that checks the trials further before writing (the runner) plans once and writes with this.
    /// </summary>
    public static void Write(IEnumerable<LeafExpansion> leaves) => Write(leaves, Math.Max(2, Environment.ProcessorCount));

    /// <summary>As <see cref="Write(IEnumerable{LeafExpansion})"/>, with <paramref name="writers"/> staging threads beside the committing one (the bench compares counts).</summary>
    internal static void Write(IEnumerable<LeafExpansion> leaves, int writers)
    {
        // Each leaf's files in trial number order: a new trial's number is the next after the highest written
        // (ExistingTrial.Scan), so a run killed midway must leave its new trials written up to some number and none past
        // it. Written in any order, a kill could leave trial_005 written and trial_004 not, and the next expansion would
        // number trial_004's config 6 (a tpe round's trials did so, between its proposal and its training).
        var trials = leaves.SelectMany(l => l.Changed.OrderBy(t => t.Number)).ToList();
        var staged = new StagedFile?[trials.Count];
        var (next, failed) = (-1, 0);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? error = null;
        // Folders and temp files are syscall-bound: two or more writers keep the kernel busy on every core, each taking
        // the next trial in order. A folder holding only its temp file is no trial yet (ExistingTrial.Scan), so a kill
        // while they write leaves no trial at all.
        void Stage()
        {
            for (int i; Volatile.Read(ref failed) == 0 && (i = Interlocked.Increment(ref next)) < trials.Count;)
            {
                try
                {
                    Directory.CreateDirectory(trials[i].Directory);
                    Volatile.Write(ref staged[i], StagedFile.Write(trials[i].ConfigPath, System.Text.Encoding.UTF8.GetBytes(trials[i].ConfigText)));
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref error, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex), null);
                    Volatile.Write(ref failed, 1);
                }
            }
        }
        var staging = Enumerable.Range(0, writers).Select(_ => Task.Run(Stage)).ToArray();
        try
        {
            // Renamed into place one at a time, in order, as soon as each is staged (while the writers stage the next
            // ones): after a failure, only up to the first trial not staged.
            for (var i = 0; i < staged.Length; i++)
            {
                var wait = new SpinWait();
                StagedFile? file;
                while ((file = Volatile.Read(ref staged[i])) is null && Volatile.Read(ref failed) == 0) wait.SpinOnce();
                if (file is null) break;
                file.Commit();
            }
        }
        finally
        {
            Volatile.Write(ref failed, 1); // a rename that failed stops the writers too
            try { Task.WaitAll(staging); }
            finally
            {
                foreach (var file in staged) file?.Discard();
            }
        }
        error?.Throw();
    }

    /// <summary>Loads and validates every selected leaf; throws with all errors found.</summary>
    public static IReadOnlyList<LeafPlan> PlanAll(string cfgDir, Filters filters, long maxTrials = ExpandOptions.DefaultMaxTrials)
    {
        var errors = new List<ConfigError>();
        var leaves = LeafFinder.Find(cfgDir, filters, errors);
        var loaded = new Dictionary<string, CfgMap?>();
        var plans = new List<LeafPlan>();
        foreach (var leaf in leaves)
        {
            var chain = new List<(CfgMap, string)>();
            foreach (var file in leaf.Chain)
            {
                if (!loaded.TryGetValue(file.FullPath, out var map))
                    loaded[file.FullPath] = map = YamlLoader.LoadMappingFile(file.FullPath, file.DisplayPath, errors);
                if (map is not null) chain.Add((map, file.DisplayPath));
            }
            if (chain.Count != leaf.Chain.Count) continue;
            var plan = LeafValidator.Plan(leaf, chain, errors);
            if (plan is null) continue;
            if (plan.Count > maxTrials) errors.Add(Errors.TooManyTrials(plan, maxTrials));
            else plans.Add(plan);
        }
        SectionSeedsCheck.Check(plans, errors);
        ConfigException.ThrowIfAny(errors);
        return plans;
    }

    private static LeafExpansion ExpandLeaf(LeafPlan plan, string leafOut, IConfigSchema? schema, List<ConfigError> errors)
    {
        plan = AdmittedSeeds(plan, leafOut);
        var points = plan.Search is { } leafSearch ? SearchPoints(plan, leafSearch, leafOut) : null;
        var count = points?.Count ?? (int)plan.Count;
        var sources = plan.Leaf.Chain.Select(f => f.DisplayPath).ToList();
        var baseConfig = new TrialConfig(plan.Entries);
        var configs = new TrialConfig[count];
        var found = new ConcurrentBag<ConfigError>();
        // Checking a trial against the registries is pure and independent of the others: use every core.
        Parallel.For(0, count, () => new List<ConfigError>(), (i, _, local) =>
        {
            var idx = plan.Indices(points?[i].Grid ?? i);
            var config = baseConfig.With(plan.Axes.Select((a, k) => (a.Key, a.Values[idx[k]])).ToDictionary(x => x.Key, x => x.Item2));
            if (points is not null) config = new TrialConfig(plan.Search!.Space.Apply(config.Entries, points[i].X));
            configs[i] = schema?.Check(config, local) ?? config;
            return local;
        }, local => { foreach (var e in local) found.Add(e); });
        errors.AddRange(found);

        // A search leaf's trials are known by their proposed values too (a key an option did not bring is absent).
        var axisKeys = plan.Axes.Select(a => a.Key).Concat(plan.Search?.Space.Keys ?? []).Distinct().ToArray();
        var searchKeys = plan.Search?.Space.Keys.Where(k => !plan.Axes.Any(a => a.Key == k)).ToList() ?? [];
        string Identity(TrialConfig c) => string.Join('\u0001', axisKeys.Select(k => c[k]?.Canonical ?? "\u0002"));
        var lines = TrialConfig.LineCache();
        var texts = configs.Select(c => c.Render(sources, lines)).ToArray();
        var identities = configs.Select(Identity).ToArray();
        var planned = new Dictionary<string, int>(count);
        // A proposal equal to an earlier one (a small integer or choice space) is that trial: it is trained once.
        var repeats = new bool[count];
        for (var i = 0; i < count; i++)
            if (!planned.TryAdd(identities[i], i))
            {
                if (plan.Search is null) errors.Add(Errors.SameTrialTwice(plan, plan.Indices(i), plan.Indices(planned[identities[i]])));
                else repeats[i] = true;
            }

        var existing = ExistingTrial.Scan(leafOut);
        var byIdentity = IdentifyExisting(existing, texts, identities, plan, schema, Identity);
        var next = existing.Count == 0 ? 0 : existing[^1].Number + 1;
        var trials = new List<Trial>(count);
        var matched = new HashSet<int>();
        var changed = new List<Trial>();
        var added = 0;
        for (var i = 0; i < count; i++)
        {
            if (repeats[i]) continue;
            var idx = plan.Indices(points?[i].Grid ?? i);
            int number;
            string? oldText = null;
            if (byIdentity.TryGetValue(identities[i], out var old) && matched.Add(old.Number))
            {
                number = old.Number;
                oldText = old.Text;
            }
            else
            {
                number = next++;
                added++;
            }
            var values = idx.Select((v, a) => new AxisValue(plan.Axes[a].Key, configs[i][plan.Axes[a].Key] ?? plan.Axes[a].Values[v], plan.Axes[a].File)).ToList();
            foreach (var key in searchKeys)
                if (configs[i].Entry(key) is { } e) values.Add(new AxisValue(key, e.Value, e.File));
            var trial = new Trial(plan.Leaf, number, Path.Combine(leafOut, TrialFiles.FolderName(number)), values, configs[i], texts[i]) { Point = points?[i] };
            trials.Add(trial);
            if (texts[i] != oldText) changed.Add(trial);
        }
        var orphans = existing.Where(t => !matched.Contains(t.Number)).Select(t => new Orphan(t.Number, t.Directory)).ToList();
        trials.Sort((a, b) => a.Number.CompareTo(b.Number));
        var warnings = Programs.SameCommand.Warnings(plan, trials).ToList();
        if (repeats.Count(r => r) is > 0 and var n)
            warnings.Add($"{plan.Leaf.File.DisplayPath}: {n} of {count} proposals repeat an earlier one's values (a small integer or choice space): each such trial is trained once");
        return new LeafExpansion(plan, trials, orphans, added, changed) { Warnings = warnings };
    }

    /// <summary>
    /// A search leaf's proposals at each grid point: those made from the seed (proposal by proposal, each over the whole
    /// grid), then tpe's rounds from the leaf's ledger, made under this search (its fingerprint) at a grid point still in the tree.
    /// </summary>
    private static List<Search.SearchPoint> SearchPoints(LeafPlan plan, Search.SearchPlan search, string leafOut)
    {
        var points = new List<Search.SearchPoint>();
        for (var k = 0; k < search.Proposals.Count; k++)
            for (var g = 0L; g < plan.GridCount; g++) points.Add(new Search.SearchPoint(g, k, search.Proposals[k]));
        if (search.Spec.Method != Search.ProposalMethod.Tpe) return points;
        var ledger = ProposalLedgerOf(leafOut).Where(p => p.Search == search.Fingerprint && p.Index < search.Spec.Trials).ToList();
        if (ledger.Count == 0) return points;
        var grids = new Dictionary<string, long>();
        for (var g = 0L; g < plan.GridCount; g++) grids[GridKey(plan, g)] = g;
        foreach (var p in ledger)
            if (grids.TryGetValue(p.Grid, out var g) && p.X.Length == search.Space.Parameters.Count)
                points.Add(new Search.SearchPoint(g, p.Index, p.X));
        return points;
    }

    /// <summary>
    /// A leaf with adaptive seeds, its seed axis cut to the seeds admitted so far: the first <c>start</c>, plus one per
    /// round of its section (<see cref="Trials.Search.SeedDecisions"/>, beside the leaf's model folders) that continued it.
    /// </summary>
    public static LeafPlan AdmittedSeeds(LeafPlan plan, string leafOut)
    {
        if (plan.Seeds is not { } seeds) return plan;
        var section = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(leafOut)))!;
        var admitted = Math.Min(seeds.Max, Trials.Search.SeedRound.Admitted(plan.Leaf.RelativePath, seeds.Start, Trials.Search.SeedDecisions.Read(section).Rounds));
        return plan with { Axes = plan.Axes.Select(a => a.Key == "seed" ? a with { Values = a.Values.Take(admitted).ToList() } : a).ToList() };
    }

    private static IReadOnlyList<Trials.Search.LedgerProposal> ProposalLedgerOf(string leafOut) => Trials.Search.ProposalLedger.Read(leafOut);

    /// <summary>A grid point as the ledger names it: its axis values (empty without axes).</summary>
    public static string GridKey(LeafPlan plan, long grid)
    {
        var idx = plan.Indices(grid);
        return string.Join(", ", plan.Axes.Select((a, k) => $"{a.Key}={a.Values[idx[k]].Canonical}"));
    }

    /// <summary>
    /// The identity (axis values as values) of every existing trial. A file whose text is exactly what a planned
    /// trial renders is that trial; any other is parsed and its values put in their declared types, so a file
    /// written as 1e-1 by hand or by an older version is the trial of 0.1.
    /// </summary>
    private static Dictionary<string, ExistingTrial> IdentifyExisting(List<ExistingTrial> existing, string[] texts, string[] identities,
        LeafPlan plan, IConfigSchema? schema, Func<TrialConfig, string> identity)
    {
        var byText = new Dictionary<string, int>(texts.Length);
        for (var i = 0; i < texts.Length; i++) byText.TryAdd(texts[i], i);
        var byIdentity = new Dictionary<string, ExistingTrial>();
        foreach (var t in existing)
        {
            string? id = null;
            if (t.Text is not null && byText.TryGetValue(t.Text, out var i)) id = identities[i];
            else if (Parse(t, plan) is { } config) id = identity(schema?.Check(config, []) ?? config);
            if (id is not null) byIdentity.TryAdd(id, t);
        }
        return byIdentity;
    }

    private static TrialConfig? Parse(ExistingTrial t, LeafPlan plan)
    {
        var path = Path.Combine(t.Directory, TrialFiles.Config);
        if (t.Text is not null)
        {
            var map = YamlLoader.LoadMapping(t.Text, path, []);
            return map is null ? null : TrialConfig.FromMap(map, path);
        }
        if (t.RanWith is null) return null;
        var mark = new SourceMark(Path.Combine(t.Directory, TrialFiles.Run), 0, 0);
        return new TrialConfig(t.RanWith.Select(kv => new MergedEntry(kv.Key, ConfigJson.ToNode(kv.Value, mark), mark.File, mark)).ToList());
    }
}
