using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Expansion;

/// <summary>
/// Expands a cfg tree into trial folders: validates every selected leaf first, then numbers the
/// trials (keeping the numbers of existing ones) and writes only the cfg.yaml files that changed.
/// Planning reads; only <see cref="Write"/> writes.
/// </summary>
public static class Expander
{
    /// <summary>The C# form of run_trials' expansion step. Throws <see cref="ConfigException"/> with every error, before writing anything.</summary>
    public static IReadOnlyList<LeafExpansion> Expand(ExpandOptions options)
    {
        var plans = PlanAll(options.CfgDir, options.Filters ?? Filters.All);
        var results = plans.Select(plan => ExpandLeaf(plan, Path.Combine(options.LogDir, plan.Leaf.RelativePath))).ToList();
        if (!options.DryRun) Write(results);
        return results;
    }

    /// <summary>
    /// Writes the cfg.yaml files a (dry-run) expansion found missing or changed, temp file + rename each.
    /// A caller that checks the trials further before writing (the runner) plans once and writes with this.
    /// </summary>
    public static void Write(IEnumerable<LeafExpansion> leaves)
    {
        // File creation is syscall-bound; two or more writers keep the kernel busy on every core.
        Parallel.ForEach(leaves.SelectMany(l => l.Changed), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, t =>
        {
            Directory.CreateDirectory(t.Directory);
            AtomicFile.WriteAllText(t.ConfigPath, t.ConfigText);
        });
    }

    /// <summary>Loads and validates every selected leaf; throws with all errors found.</summary>
    public static IReadOnlyList<LeafPlan> PlanAll(string cfgDir, Filters filters)
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
            if (plan is not null) plans.Add(plan);
        }
        ConfigException.ThrowIfAny(errors);
        return plans;
    }

    private static LeafExpansion ExpandLeaf(LeafPlan plan, string leafOut)
    {
        var existing = ExistingTrial.Scan(leafOut);
        var renderedKeys = plan.Axes.Select(a => YamlText.Key(a.Key)).ToArray();
        var valueTexts = plan.Axes.Select(a => a.Values.Select(TrialText.ValueText).ToArray()).ToArray();

        var byIdentity = new Dictionary<string, ExistingTrial>();
        foreach (var t in existing)
        {
            var raw = renderedKeys.Select(t.RawValue).ToArray();
            if (raw.All(r => r is not null)) byIdentity.TryAdd(string.Join('\u0001', raw), t);
        }

        var text = new TrialText(plan);
        var next = existing.Count == 0 ? 0 : existing[^1].Number + 1;
        var trials = new List<Trial>();
        var matched = new HashSet<int>();
        var changed = new List<Trial>();
        var added = 0;
        for (long i = 0; i < plan.Count; i++)
        {
            var idx = plan.Indices(i);
            var identity = string.Join('\u0001', idx.Select((v, a) => valueTexts[a][v]));
            int number;
            string? oldText = null;
            if (byIdentity.TryGetValue(identity, out var old) && matched.Add(old.Number))
            {
                number = old.Number;
                oldText = old.Text;
            }
            else
            {
                number = next++;
                added++;
            }
            var dir = Path.Combine(leafOut, TrialFolder.Name(number));
            var content = text.Render(idx);
            var values = idx.Select((v, a) => new AxisValue(plan.Axes[a].Key, plan.Axes[a].Values[v], plan.Axes[a].File)).ToList();
            var trial = new Trial(plan.Leaf, number, dir, values, content);
            trials.Add(trial);
            if (content != oldText) changed.Add(trial);
        }
        var orphans = existing.Where(t => !matched.Contains(t.Number)).Select(t => new Orphan(t.Number, t.Directory)).ToList();
        trials.Sort((a, b) => a.Number.CompareTo(b.Number));
        return new LeafExpansion(plan, trials, orphans, added, changed);
    }
}
