using System.Text.Json.Nodes;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Findings;

/// <summary>
/// Builds a <see cref="Report"/> from out/log alone: complete trials, grouped per leaf by the config they were trained
/// with (run.json) minus the seed; each trial reduced to one number from its epoch log (the dashboard's numbers, from
/// the same cache); the groups described, ranked and tested against the best one (or a baseline).
/// </summary>
public static class Reporter
{
    public static Report Build(string logRoot, ReportOptions o) => Build(logRoot, o, null);

    /// <summary>As <see cref="Build(string, ReportOptions)"/>, saying in <paramref name="split"/> where its time went (the bench prints it).</summary>
    public static Report Build(string logRoot, ReportOptions o, ReportSplit? split)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var metric = MetricName.Parse(o.Metric, "--metric");
        var atBest = o.AtBest is null ? null : MetricName.Parse(o.AtBest, "--at-best");
        if (o.Goal is not null && !ReportOptions.Goals.Contains(o.Goal)) throw new UsageException($"--goal {o.Goal} is not a goal; use max or min");
        if (!ReportOptions.Reducers.Contains(o.Reduce)) throw new UsageException($"--reduce {o.Reduce} is not a reducer; use final or best (or --at-best OTHER)");
        var goal = o.GoalOf(o.Metric);
        if (!ReportOptions.Scopes.Contains(o.Scope)) throw new UsageException($"--scope {o.Scope} is not a scope; use one of: {string.Join(", ", ReportOptions.Scopes)} (dataset: one section per mode and dataset)");

        var offered = new SortedSet<string>(StringComparer.Ordinal);
        var code = CodeJudge.ForLog(logRoot);
        // Each trial is read on its own (a few small files): read them on every core, then count in order.
        // The cache is read while the folders are listed (both before any trial is read).
        var loading = o.Cache ? Task.Run(() => ReportCache.Load(logRoot)) : null;
        var (folders, strays) = TrialFolders.Scan(logRoot);
        split?.Listed(clock);
        var cache = loading?.Result;
        var reader = new ReportTrialReader(logRoot, o, metric, atBest, goal, cache, code, offered);
        var read = new ReportTrial[folders.Count];
        // Each worker keeps its leaf open between its trials (a leaf's trials come one after another).
        EveryCore.For(folders.Count, () => new ReadingLeaf(logRoot), (i, leaf) => read[i] = reader.Read(folders[i], leaf));
        // What was read is kept for the next report (only ever checked against the files again); a filtered report keeps the others' too.
        cache?.Save(logRoot, partial: o.Filters != Filters.All || o.Only is not null);
        if (split is not null) split.CacheHits += cache?.Hits ?? 0;
        split?.Read(clock);
        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var trials = new GroupedTrial[read.Length];
        var count = 0;
        foreach (var stray in strays) excluded[$"not a trial folder: {stray}"] = 1;
        for (var at = 0; at < read.Length; at++)
        {
            var t = read[at];
            if (!t.Selected) continue;
            var (record, value, key) = (t.Record, t.Value, t.Key);
            if (record.State == TrialState.Diverged)
            {
                excluded["diverged"] = excluded.GetValueOrDefault("diverged") + 1; // its last loss is NaN: no value of it is a result
                continue;
            }
            if (value is { } v && !double.IsFinite(v))
            {
                excluded["non-finite value"] = excluded.GetValueOrDefault("non-finite value") + 1; // a NaN mean would rank anywhere
                continue;
            }
            if (value is null || key is null)
            {
                var why = record.State switch
                {
                    TrialState.Complete or TrialState.OtherCode => "no value",
                    TrialState.Stale => "stale (their config changed since they ran; 'hypergrid run --rerun-stale' retrains them)",
                    _ => record.State.Name(),
                };
                excluded[why] = excluded.GetValueOrDefault(why) + 1;
                continue;
            }
            // Seeds trained on other data are not one group: the data's checksum joins the key, its source shows when it varies.
            var data = record.Run?.Data is { } d ? $"{d.Source} ({d.Checksum[..Math.Min(8, d.Checksum.Length)]})" : null;
            // Seeds trained by other code are not one group either: the code's hash joins the key; it shows when it varies or is not today's.
            var codeOf = record.Run?.Code is { Sha256: not null } c ? c.Short + (record.State == TrialState.OtherCode ? ReportGroups.OtherCodeMark : "") : null;
            trials[count++] = new GroupedTrial(record.Id, at, key, t.Seed, value.Value, data, codeOf);
        }
        if (count == 0)
            throw new UsageException($"no complete trial under {logRoot} matches {o.Filters} with a value for {Visible.Short(o.Metric)} (left out: {Describe(excluded)}); "
                + (offered.Count > 0 ? $"their epoch logs offer: {string.Join(", ", offered.Select(Visible.Short))}" : "train some first"));

        // Each trial's key was built once as it was read (a report groups thousands), and is kept for its group's row.
        var rows = ReportGroups.Rows(trials, count, read, o.Scope);
        split?.Grouped(clock);
        var scope = o.Scope;
        var sign = goal == "max" ? -1 : 1;
        var sections = new List<ReportSection>();
        var baseline = o.Baseline is null ? null : Baseline(rows, o.Baseline); // one group, or an error naming those there are
        foreach (var part in rows.GroupBy(r => SectionOf(r.Leaf, scope)).OrderBy(p => p.Key.Name, StringComparer.Ordinal))
        {
            var ranked = part.OrderBy(r => sign * r.Mean).ThenBy(r => r.Leaf, StringComparer.Ordinal).ToList();
            var best = ranked[0];
            var reference = baseline is not null && ranked.Contains(baseline) ? baseline : best;
            ranked = Comparer.Section(ranked, reference, best, o.Statistics, goal == "max");
            sections.Add(Adaptive.SeedReport.Annotate(new ReportSection(part.Key.Name, part.Key.Mode, part.Key.Dataset, part.Key.Leaf, ranked), logRoot));
        }
        split?.Compared(clock);
        // Importance is a leaf's grid: only the keys that vary within the leaf.
        var importance = rows.GroupBy(r => r.Leaf).Select(l => (l.Key, Importance.Of(WithinLeaf(l.ToList())))).Where(x => x.Item2 is not null)
            .ToDictionary(x => x.Key, x => x.Item2!);
        split?.Weighed(clock);
        return new Report(o.Metric, goal, atBest is null ? o.Reduce : "at_best", o.AtBest, scope, new Dictionary<string, int>(excluded), sections, importance) { Statistics = o.Statistics };
    }

    private static List<GroupRow> WithinLeaf(List<GroupRow> leaf)
    {
        var keys = leaf.SelectMany(r => r.Values.Select(kv => kv.Key)).Distinct()
            .Where(k => leaf.Select(r => Canonical(r.Values[k])).Distinct().Count() > 1).ToHashSet();
        return leaf.Select(r => r with { Values = new JsonObject(r.Values.Where(kv => keys.Contains(kv.Key)).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))) }).ToList();
    }

    /// <summary>The section a leaf's groups belong to: its mode and dataset (default), the leaf alone, or one for everything.</summary>
    internal static (string Name, string? Mode, string? Dataset, string? Leaf) SectionOf(string leaf, string scope)
    {
        var parts = leaf.Split('/');
        return scope switch
        {
            "leaf" => (leaf, parts[0], parts[1], leaf),
            "mode" => (parts[0], parts[0], null, null),
            "all" => ("all", null, null, null),
            _ => ($"{parts[0]}/{parts[1]}", parts[0], parts[1], null),
        };
    }

    /// <summary>LEAF[/key=value…]: the one group of that leaf whose varying values are these.</summary>
    private static GroupRow Baseline(IReadOnlyList<GroupRow> rows, string spec)
    {
        var parts = spec.Split('/');
        var leaf = string.Join('/', parts.Take(4));
        var wanted = parts.Skip(4).Select(p => p.Split('=', 2)).ToList();
        if (parts.Length < 4 || wanted.Any(w => w.Length != 2)) throw new UsageException($"--baseline {spec} is not LEAF[/key=value...], e.g. sweep/mnist/mlp/adam/lr=0.001");
        var matches = rows.Where(r => r.Leaf == leaf && wanted.All(w =>
            r.Config[w[0]] is { } v && Canonical(v) == Canonical(ConfigJson.From(CfgScalar.Plain(w[1], default))))).ToList();
        return matches.Count == 1 ? matches[0]
            : throw new UsageException($"--baseline {spec} matches {matches.Count} groups; name a leaf and key=value pairs that pick one of: " +
                string.Join("; ", rows.Select(r => r.Leaf + string.Concat(r.Values.Select(kv => $"/{kv.Key}={Canonical(kv.Value)}")))));
    }

    internal static JsonObject Without(JsonObject config, string[] keys) =>
        new(config.Where(kv => !keys.Contains(kv.Key) && !TrialConfig.NotHyperparameters.Contains(kv.Key)).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())));

    /// <summary>A JSON value as text with object keys sorted: equal configs give equal text.</summary>
    internal static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"\"{kv.Key}\":{Canonical(kv.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        // A number by its value: 1.0 (a float, as run.json now keeps it) and 1 (as it kept a whole float before) are one value.
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static string Describe(IDictionary<string, int> excluded) =>
        excluded.Count == 0 ? "none" : string.Join(", ", excluded.Select(kv => $"{kv.Value} {kv.Key}"));
}
