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

    /// <summary>
    /// The lines' names as a legend shows them: with one key telling the lines of one leaf apart, that key as the title
    /// and each line's value alone ("—" for a line without it). without: a key left out of the names, as a key and as a
    /// leaf part (the Results chart's x key: its axis says it).
    /// </summary>
    public static (string? Title, List<string> Names) Of(IReadOnlyList<FigureTrial> lines, bool withSeed, string? without = null)
    {
        var (title, parts) = Parts(lines, withSeed, without);
        return title is null ? (null, parts.Select(p => p.Text).ToList()) : (title, lines.Select(t => Value(t, title) ?? "—").ToList());
    }

    /// <summary>
    /// The lines' names in parts (<see cref="LegendName"/>), and the legend's title when one key alone tells the lines of
    /// one leaf apart (then each name is that key's "key=value", or nothing for a line without it).
    /// </summary>
    public static (string? Title, List<LegendName> Names) Parts(IReadOnlyList<FigureTrial> lines, bool withSeed, string? without = null)
    {
        var leaves = lines.Select(Leaf).ToList();
        if (leaves.Distinct(StringComparer.Ordinal).Count() <= 1) return OneLeaf(lines, withSeed, without);
        var parts = leaves.Select(l => l.Split('/')).ToList();
        var differ = Enumerable.Range(0, 4).Where(i => parts.Select(p => p[i]).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        // The mode and dataset only when the model and trainer do not tell the leaves apart by themselves.
        var modelTrainer = differ.Where(i => i >= 2).ToList();
        if (modelTrainer.Count > 0 && Distinct(parts, modelTrainer) == Distinct(parts, differ)) differ = modelTrainer;
        differ = differ.Where(i => LeafKeys[i] != without).ToList();
        // The keys that differ between the lines of one leaf, found once per leaf.
        var keysOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var leaf in leaves.Distinct(StringComparer.Ordinal))
            keysOf[leaf] = Differing(lines.Where((_, j) => leaves[j] == leaf).ToList(), withSeed, without).Where(k => !LeafKeys.Contains(k)).ToList();
        var names = lines.Select((t, i) => new LegendName(string.Join("/", differ.Select(d => parts[i][d])), Pairs(t, keysOf[leaves[i]]))).ToList();
        return (null, names);
    }

    private static (string? Title, List<LegendName> Names) OneLeaf(IReadOnlyList<FigureTrial> lines, bool withSeed, string? without)
    {
        var keys = Differing(lines, withSeed, without);
        if (keys.Count == 0)
            return (null, lines.Count == 1 ? [new LegendName("", [])] : lines.Select(t => new LegendName(t.Path.Split('/')[^1], [])).ToList());
        return (keys.Count == 1 ? keys[0] : null, lines.Select(t => new LegendName("", Pairs(t, keys))).ToList());
    }

    /// <summary>The keys (and "code") whose values differ between the lines, in the order first seen; a missing key counts as a value.</summary>
    private static List<string> Differing(IReadOnlyList<FigureTrial> lines, bool withSeed, string? without)
    {
        var keys = lines.SelectMany(t => t.Config?.Select(kv => kv.Key) ?? []).Distinct()
            .Where(k => (withSeed || k != "seed") && k != without)
            .Where(k => lines.Select(t => Value(t, k) ?? "").Distinct().Count() > 1).ToList();
        if (lines.Select(t => t.Code).Distinct().Count() > 1) keys.Add("code");
        return keys;
    }

    /// <summary>"k=v" of each of the keys the line has.</summary>
    private static List<string> Pairs(FigureTrial t, IEnumerable<string> keys) =>
        keys.Select(k => (Key: k, Value: Value(t, k))).Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={kv.Value}").ToList();

    /// <summary>A line's value of a key as the page writes it, or null when its config lacks the key.</summary>
    private static string? Value(FigureTrial t, string key) =>
        key == "code" ? t.Code ?? "none" : t.Config?[key] is { } v ? SeedGroups.Text(v) : null;

    private static int Distinct(List<string[]> parts, List<int> at) =>
        parts.Select(p => string.Join("/", at.Select(i => p[i]))).Distinct(StringComparer.Ordinal).Count();

    /// <summary>A trial's leaf: mode/dataset/model/trainer.</summary>
    private static string Leaf(FigureTrial t) => string.Join("/", t.Path.Split('/').Take(4));
}
