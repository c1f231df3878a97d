namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// What a legend calls each line (a group of seeds, or one trial): only what tells it apart from the other lines shown.
/// Lines of one leaf are named by the keys whose values differ between them ("lr=0.01, width=64"; one key: its value
/// alone, the key named once as the legend's title). Lines of several leaves are named by the parts of the leaf that
/// differ ("cnn/adam"; the mode and dataset only when the model and trainer do not tell the leaves apart) and then by
/// the keys that differ between the lines of that same leaf: a key the leaf fixes (model, trainer, a leaf's own lr) is
/// implied by its name. A key a line lacks is left out of its name, never "—".
/// </summary>
public static class LegendNames
{
    /// <summary>The config keys a leaf's path already names.</summary>
    private static readonly string[] LeafKeys = ["mode", "dataset", "model", "trainer"];

    public static (string? Title, List<string> Names) Of(IReadOnlyList<FigureTrial> lines, bool withSeed)
    {
        var leaves = lines.Select(Leaf).ToList();
        if (leaves.Distinct(StringComparer.Ordinal).Count() <= 1) return OneLeaf(lines, withSeed);
        var parts = leaves.Select(l => l.Split('/')).ToList();
        var differ = Enumerable.Range(0, 4).Where(i => parts.Select(p => p[i]).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        // The mode and dataset only when the model and trainer do not tell the leaves apart by themselves.
        var modelTrainer = differ.Where(i => i >= 2).ToList();
        if (modelTrainer.Count > 0 && Distinct(parts, modelTrainer) == Distinct(parts, differ)) differ = modelTrainer;
        var names = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var siblings = lines.Where((_, j) => leaves[j] == leaves[i]).ToList();
            var keys = Differing(siblings, withSeed).Where(k => !LeafKeys.Contains(k));
            var values = KeyValues(lines[i], keys);
            var leaf = string.Join("/", differ.Select(d => parts[i][d]));
            names.Add(values.Length == 0 ? leaf : $"{leaf} {values}");
        }
        return (null, names);
    }

    private static (string? Title, List<string> Names) OneLeaf(IReadOnlyList<FigureTrial> lines, bool withSeed)
    {
        var keys = Differing(lines, withSeed);
        if (keys.Count == 0)
            return (null, lines.Count == 1 ? [""] : lines.Select(t => t.Path.Split('/')[^1]).ToList());
        if (keys.Count == 1) return (keys[0], lines.Select(t => Value(t, keys[0]) ?? "—").ToList());
        return (null, lines.Select(t => KeyValues(t, keys)).ToList());
    }

    /// <summary>The keys (and "code") whose values differ between the lines, in the order first seen; a missing key counts as a value.</summary>
    private static List<string> Differing(IReadOnlyList<FigureTrial> lines, bool withSeed)
    {
        var keys = lines.SelectMany(t => t.Config?.Select(kv => kv.Key) ?? []).Distinct()
            .Where(k => withSeed || k != "seed")
            .Where(k => lines.Select(t => Value(t, k) ?? "").Distinct().Count() > 1).ToList();
        if (lines.Select(t => t.Code).Distinct().Count() > 1) keys.Add("code");
        return keys;
    }

    /// <summary>"k=v, k=v" of the keys the line has.</summary>
    private static string KeyValues(FigureTrial t, IEnumerable<string> keys) =>
        string.Join(", ", keys.Select(k => (Key: k, Value: Value(t, k))).Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>A line's value of a key as the page writes it, or null when its config lacks the key.</summary>
    private static string? Value(FigureTrial t, string key) =>
        key == "code" ? t.Code ?? "none" : t.Config?[key] is { } v ? SeedGroups.Text(v) : null;

    private static int Distinct(List<string[]> parts, List<int> at) =>
        parts.Select(p => string.Join("/", at.Select(i => p[i]))).Distinct(StringComparer.Ordinal).Count();

    /// <summary>A trial's leaf: mode/dataset/model/trainer.</summary>
    private static string Leaf(FigureTrial t) => string.Join("/", t.Path.Split('/').Take(4));
}
