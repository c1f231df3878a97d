using System.Text.Json.Nodes;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;

namespace Hypergrid.Findings;

/// <summary>One trial a report ranks: where it was read (its index among the reads), its group key, seed and value.</summary>
internal readonly record struct GroupedTrial(TrialId Id, int At, string Key, long Seed, double Value, string? Data, string? Code);

/// <summary>
/// A report's trials grouped into rows: one group per leaf, config (seed left out), data and code, in the order their
/// first trial comes, its trials in seed order (ties in reading order); each group described, and named by what differs
/// between the groups of its section. Loops and dictionaries rather than chains of LINQ: a report groups 10,000 trials
/// in a fresh process, where every distinct generic query is compiled before it runs.
/// </summary>
internal static class ReportGroups
{
    /// <summary>What a row's code column says of a result trained by other code than today's.</summary>
    public const string OtherCodeMark = " (trained by other code)";

    private static readonly HashSet<string> NotCompared = ["seed", "mode", "dataset", "model", "trainer"];

    // The keys a leaf's path gives, in its order.
    private static readonly string[] PathKeys = ["mode", "dataset", "model", "trainer"];

    // A class of strings, not a tuple: a dictionary keyed by reference types runs code shared by every such instance and
    // compiled ahead of time, where one keyed by a struct is compiled in each fresh process.
    private sealed record GroupKey(string Leaf, string Config, string? Data, string? Code);

    private sealed class Group(string leaf, GroupedTrial[] all, int first)
    {
        public readonly string Leaf = leaf;
        public readonly List<int> Members = [first];
        public readonly GroupedTrial[] All = all;
        public JsonObject Config = [];

        public GroupedTrial this[int i] => All[Members[i]];

        public GroupedTrial First => All[Members[0]];
    }

    /// <summary>The rows of the first <paramref name="count"/> <paramref name="trials"/> (read in <paramref name="reads"/>), sections together in the order they first come.</summary>
    public static List<GroupRow> Rows(GroupedTrial[] trials, int count, ReportTrial[] reads, string scope)
    {
        var index = new Dictionary<GroupKey, Group>();
        var sections = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        var order = new List<List<Group>>();
        var leaves = new LeafNames();
        for (var i = 0; i < count; i++)
        {
            var t = trials[i];
            var key = new GroupKey(leaves.Of(t.Id), t.Key, t.Data, t.Code);
            if (index.TryGetValue(key, out var group))
            {
                group.Members.Add(i);
                continue;
            }
            index[key] = group = new Group(key.Leaf, trials, i);
            var name = Reporter.SectionOf(group.Leaf, scope).Name;
            if (!sections.TryGetValue(name, out var section)) order.Add(sections[name] = section = []);
            section.Add(group);
        }
        var rows = new List<GroupRow>(index.Count);
        foreach (var section in order)
        {
            foreach (var g in section)
            {
                SortBySeed(g);
                // A group's config is its first trial's (they differ only in seed): read from its text here when it came from the cache.
                g.Config = reads[g.First.At].ConfigObject();
            }
            AddRows(rows, section);
        }
        return rows;
    }

    // A section's rows are named by what differs between its groups: the path keys (model, trainer, ...) that differ
    // within it, the keys that vary within one of its leaves, then the keys every group has but its leaves set
    // differently (lr per leaf in an experiment: the page's Results plot by it). A key only some leaves have (another
    // model's own) follows from the model or trainer, and is not a column.
    private static void AddRows(List<GroupRow> rows, List<Group> section)
    {
        var pathKeys = new List<int>();
        for (var k = 0; k < PathKeys.Length; k++)
            if (section.Exists(g => PathPart(g.First.Id, k) != PathPart(section[0].First.Id, k))) pathKeys.Add(k);
        // Each leaf's configs, leaves in the order they first come.
        var byLeaf = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        var leaves = new List<List<JsonObject>>();
        foreach (var g in section)
        {
            if (!byLeaf.TryGetValue(g.Leaf, out var configs)) leaves.Add(byLeaf[g.Leaf] = configs = []);
            configs.Add(g.Config);
        }
        var varying = new List<string>();
        foreach (var configs in leaves)
            foreach (var k in Varying(configs))
                if (!varying.Contains(k)) varying.Add(k);
        // Within one leaf, a key every group has and sets differently is already one that varies within it.
        if (leaves.Count > 1)
            foreach (var k in SetApart(section))
                if (!varying.Contains(k)) varying.Add(k);
        var dataVaries = section.Exists(g => g.First.Data != section[0].First.Data);
        var codeShown = section.Exists(g => g.First.Code != section[0].First.Code || g.First.Code?.EndsWith(OtherCodeMark, StringComparison.Ordinal) == true);
        foreach (var g in section)
        {
            var first = g.First;
            var n = g.Members.Count;
            var samples = new List<double>(n);
            var folders = new List<string>(n);
            var seeds = new List<long>(n);
            for (var i = 0; i < n; i++)
            {
                var t = g[i];
                samples.Add(t.Value);
                folders.Add(t.Id.Folder);
                seeds.Add(t.Seed);
            }
            var d = Stats.Describe(samples);
            // A key the group's config lacks is left out (missing), unlike a key set to null.
            var values = new JsonObject();
            foreach (var k in pathKeys) values[PathKeys[k]] = JsonValue.Create(PathPart(first.Id, k));
            foreach (var k in varying)
                if (g.Config.TryGetPropertyValue(k, out var v)) values[k] = v?.DeepClone();
            if (dataVaries) values["data"] = first.Data ?? "unknown";
            if (codeShown) values["code"] = first.Code ?? "unknown";
            rows.Add(new GroupRow(g.Leaf, values, folders, seeds, n,
                d.Mean, d.Std, d.Sem, d.Low, d.High, d.Median, d.Min, d.Max, null, null, null, false)
            { Samples = samples, Config = Reporter.Without(g.Config, ["seed"]), Key = string.Join('\u0001', g.Leaf, first.Key, first.Data, first.Code) });
        }
    }

    private static string PathPart(TrialId id, int k) => k switch { 0 => id.Mode, 1 => id.Dataset, 2 => id.Model, _ => id.Trainer };

    // Stable: equal seeds keep their reading order (a group has a few trials, read mostly in seed order already).
    private static void SortBySeed(Group g)
    {
        var members = g.Members;
        for (var i = 1; i < members.Count; i++)
        {
            var m = members[i];
            var at = i;
            for (; at > 0 && g.All[members[at - 1]].Seed > g.All[m].Seed; at--) members[at] = members[at - 1];
            members[at] = m;
        }
    }

    // Keys whose value differs between a leaf's groups: the columns a reader compares, in the order they first come.
    private static List<string> Varying(List<JsonObject> configs)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in configs)
            foreach (var kv in c)
                if (seen.Add(kv.Key)) keys.Add(kv.Key);
        var varying = new List<string>();
        foreach (var k in keys)
        {
            if (NotCompared.Contains(k) || TrialConfig.NotHyperparameters.Contains(k)) continue;
            var first = Reporter.Canonical(configs[0][k]);
            for (var i = 1; i < configs.Count; i++)
                if (Reporter.Canonical(configs[i][k]) != first)
                {
                    varying.Add(k);
                    break;
                }
        }
        return varying;
    }

    // Keys every group of a section has whose value differs between them, in the first group's order.
    private static List<string> SetApart(List<Group> section)
    {
        var keys = new List<string>();
        foreach (var (k, node) in section[0].Config)
        {
            if (NotCompared.Contains(k) || TrialConfig.NotHyperparameters.Contains(k)) continue;
            var first = Reporter.Canonical(node);
            var differs = false;
            var everywhere = true;
            for (var i = 1; i < section.Count && everywhere; i++)
                if (!section[i].Config.TryGetPropertyValue(k, out var other)) everywhere = false;
                else if (!differs && Reporter.Canonical(other) != first) differs = true;
            if (differs && everywhere) keys.Add(k);
        }
        return keys;
    }

    // A leaf's name (mode/dataset/model/trainer) made once for the trials of one leaf that come together.
    private sealed class LeafNames
    {
        private TrialId last;
        private string? name;

        public string Of(TrialId id)
        {
            if (name is null || id.Mode != last.Mode || id.Dataset != last.Dataset || id.Model != last.Model || id.Trainer != last.Trainer)
                (last, name) = (id, id.Leaf);
            return name;
        }
    }
}
