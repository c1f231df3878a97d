using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tree;

/// <summary>The shallow merge of a chain of configs: last wins per key, order of first appearance kept.</summary>
public static class Merge
{
    public static IReadOnlyList<MergedEntry> Shallow(IEnumerable<(CfgMap Map, string File)> chain)
    {
        var order = new List<string>();
        var byKey = new Dictionary<string, MergedEntry>();
        foreach (var (map, file) in chain)
        {
            foreach (var e in map.Entries)
            {
                if (!byKey.ContainsKey(e.Key)) order.Add(e.Key);
                byKey[e.Key] = new MergedEntry(e.Key, e.Value, file, e.KeyMark);
            }
        }
        return order.Select(k => byKey[k]).ToList();
    }
}
