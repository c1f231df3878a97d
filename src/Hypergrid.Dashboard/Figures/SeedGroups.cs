using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Trials that differ only by seed (and share their code), in the order first seen, as the page groups them
/// (dashboard/app.js groupKey): group i has colour i. (The names a legend gives them: <see cref="LegendNames"/>.)
/// Only other code than the study's sets a trial apart: a seed not yet run (no code) is in its seeds' group, so its
/// colour never changes with its state.
/// </summary>
public static class SeedGroups
{
    public static List<List<FigureTrial>> Of(IEnumerable<FigureTrial> trials) =>
        trials.GroupBy(Key).Select(g => g.ToList()).ToList();

    private static string Key(FigureTrial t) =>
        JsonSerializer.Serialize(new object?[] { Without(t.Config, "seed"), t.OtherCode ? t.Code : null });

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
}
