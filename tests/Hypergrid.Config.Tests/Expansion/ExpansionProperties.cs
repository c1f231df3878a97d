using FsCheck;
using FsCheck.Xunit;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Expansion;

public class ExpansionProperties
{
    /// <summary>A leaf with up to four axes of 1..4 values each, from the generated lengths.</summary>
    private static string LeafYaml(byte[] lengths) =>
        "seed: 0\nbase: 1\n" + string.Concat(lengths.Take(4).Select((n, a) =>
            $"axis{a}: [{string.Join(", ", Enumerable.Range(0, n % 4 + 1).Select(v => v * 10 + a))}]\n"));

    private static IReadOnlyList<Trial> DryRun(string yaml)
    {
        using var tree = new CfgTree().Write("sweep/d/m/t", yaml);
        return Expander.Expand(tree.Options(dryRun: true)).Single().Trials;
    }

    [Property(MaxTest = 30)]
    public bool Trial_count_is_the_product_of_axis_lengths(byte[] lengths) =>
        DryRun(LeafYaml(lengths)).Count == lengths.Take(4).Aggregate(1, (p, n) => p * (n % 4 + 1));

    [Property(MaxTest = 30)]
    public bool Every_trial_has_distinct_axis_values(byte[] lengths)
    {
        var keys = DryRun(LeafYaml(lengths)).Select(t => string.Join("|", t.AxisValues.Select(v => v.Value.Canonical))).ToList();
        return keys.Distinct().Count() == keys.Count;
    }

    [Property(MaxTest = 30)]
    public bool Reordering_and_respelling_axis_values_keeps_every_trial_its_number(byte[] lengths)
    {
        // Trials are found again by their axis values compared as values: reversing every axis and writing each
        // integer another way ('+010' for 10) renumbers nothing, writes nothing and orphans nothing.
        using var tree = new CfgTree().Write("sweep/d/m/t", LeafYaml(lengths));
        string Key(Trial t) => string.Join("|", t.AxisValues.Select(v => v.Value.Canonical));
        var before = Expander.Expand(tree.Options()).Single().Trials.ToDictionary(Key, t => t.Number);
        var respelled = "seed: 0\nbase: 1\n" + string.Concat(lengths.Take(4).Select((n, a) =>
            $"axis{a}: [{string.Join(", ", Enumerable.Range(0, n % 4 + 1).Reverse().Select(v => "+0" + (v * 10 + a)))}]\n"));
        tree.Write("sweep/d/m/t", respelled);
        var after = Expander.Expand(tree.Options()).Single();
        return after.Added == 0 && after.Orphans.Count == 0 && after.Written == 0 && after.Trials.All(t => before[Key(t)] == t.Number);
    }

    [Property]
    public bool The_merge_is_last_wins_per_key(byte[][] layers)
    {
        var mark = new SourceMark("f", 1, 1);
        var chain = layers.Select((keys, i) => (new CfgMap(
            keys.Distinct().Select(k => new CfgEntry($"k{k % 8}", CfgScalar.Plain($"{i}", mark), mark)).DistinctBy(e => e.Key).ToList(), mark), $"file{i}")).ToList();
        var merged = Merge.Shallow(chain);
        return merged.All(e =>
        {
            var lastFile = chain.Last(c => c.Item1.ContainsKey(e.Key));
            return e.File == lastFile.Item2 && ((CfgScalar)e.Value).Text == lastFile.Item2[4..];
        }) && merged.Select(e => e.Key).Distinct().Count() == merged.Count;
    }
}
