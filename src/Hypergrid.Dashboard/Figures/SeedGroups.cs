using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Trials that differ only by seed (and share their code), in the order first seen, as the page groups them
/// (dashboard/app.js groupKey): group i has colour i. And the names a legend gives: the values of the keys that differ.
/// </summary>
public static class SeedGroups
{
    public static List<List<FigureTrial>> Of(IEnumerable<FigureTrial> trials) =>
        trials.GroupBy(Key).Select(g => g.ToList()).ToList();

    private static string Key(FigureTrial t) =>
        JsonSerializer.Serialize(new object?[] { Without(t.Config, "seed"), t.Code });

    private static SortedDictionary<string, string> Without(JsonObject? config, string key) =>
        new((config ?? []).Where(kv => kv.Key != key).ToDictionary(kv => kv.Key, kv => Text(kv.Value)), StringComparer.Ordinal);

    /// <summary>A value as the page writes it (JavaScript's String(v)): strings bare, numbers as 0.001 or 1e-7, anything else as JSON.</summary>
    public static string Text(JsonNode? v)
    {
        if (v is null) return "null";
        if (v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        if (Number(v) is { } d) return d.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+").Replace("E-0", "e-").Replace("E-", "e-").Replace("e+0", "e+");
        return v.ToJsonString();
    }

    /// <summary>A JSON number as a double (however the node holds it: parsed, long or double), else null.</summary>
    public static double? Number(JsonNode? v) =>
        v?.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>
    /// Per line (a group, or one trial), its name by the keys whose values differ between the lines ("lr=0.01,
    /// width=64"; one key: its value alone, the key named once as the legend's title); the code when only it differs.
    /// </summary>
    public static (string? Title, List<string> Names) Names(IReadOnlyList<FigureTrial> representatives, bool withSeed)
    {
        var keys = representatives.SelectMany(t => t.Config?.Select(kv => kv.Key) ?? []).Distinct()
            .Where(k => withSeed || k != "seed")
            .Where(k => representatives.Select(t => t.Config?[k] is { } v ? Text(v) : "").Distinct().Count() > 1).ToList();
        if (representatives.Select(t => t.Code).Distinct().Count() > 1) keys.Add("code");
        string Value(FigureTrial t, string k) => k == "code" ? t.Code ?? "none" : t.Config?[k] is { } v ? Text(v) : "—";
        if (keys.Count == 0)
            return (null, representatives.Count == 1 ? [""] : representatives.Select(t => t.Path.Split('/')[^1]).ToList());
        if (keys.Count == 1) return (keys[0], representatives.Select(t => Value(t, keys[0])).ToList());
        return (null, representatives.Select(t => string.Join(", ", keys.Select(k => $"{k}={Value(t, k)}"))).ToList());
    }
}
