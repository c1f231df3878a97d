using System.Text.Json.Nodes;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The Results scatter's x keys and point labels that GET /api/report carries for the page: per section, "scatter_keys",
/// the keys the scatter may put on its x (<see cref="ResultsFigure.ScatterKeys"/>: those with a number, else every key),
/// and per such key, each group's name as the Results figure of that key names it in its legend
/// (<see cref="ResultsFigure.Labels"/>, <see cref="LegendNames"/>' rule), in parts: "labels": {"lr": [{"leaf":
/// "mlp/sgd", "keys": ["momentum=0.9"]}, ...]}, in the order of the section's groups; and per such key the series
/// (<see cref="ResultsSeries"/>, ranked: the groups that share all but the key): "series": {"lr": [{"groups": [4, 0, 9],
/// "color": 0, "line": true, "dodge": -2}, ...]} (groups: indices in the section's groups, by x; color: the series'
/// colour slot, null for each point its group's own; dodge: steps sideways). The page draws these and decides
/// nothing itself, so its scatter and the figure file cannot drift apart.
/// </summary>
public static class ReportLabels
{
    /// <summary>Adds each section's labels to a report's JSON (<see cref="ReportText.ToJsonNode"/>).</summary>
    public static JsonObject AddTo(JsonObject json, Report report)
    {
        if (json["sections"] is not JsonArray sections) return json;
        for (var s = 0; s < report.Sections.Count && s < sections.Count; s++)
        {
            var groups = report.Sections[s].Groups;
            var keys = groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList();
            // Only the keys the page's scatter offers (ResultsFigure.ScatterKeys, answered as scatter_keys): a wide
            // sweep's answer does not carry a name per group for keys no scatter draws.
            var offered = ResultsFigure.ScatterKeys(groups);
            var labels = new JsonObject();
            var series = new JsonObject();
            foreach (var key in offered)
            {
                labels[key] = new JsonArray([.. ResultsFigure.Labels(groups, keys, key).Select(Label)]);
                series[key] = new JsonArray([.. ResultsSeries.Of(groups, keys, key).Select(Series)]);
            }
            sections[s]!.AsObject()["scatter_keys"] = new JsonArray([.. offered.Select(k => (JsonNode?)JsonValue.Create(k))]);
            sections[s]!.AsObject()["labels"] = labels;
            sections[s]!.AsObject()["series"] = series;
        }
        return json;
    }

    private static JsonNode Series(ResultsSeries s) => new JsonObject
    {
        ["groups"] = new JsonArray([.. s.Groups.Select(i => (JsonNode?)JsonValue.Create(i))]),
        ["color"] = s.Color, ["line"] = s.Joined, ["dodge"] = s.Dodge,
    };

    private static JsonNode Label(LegendName name) =>
        new JsonObject { ["leaf"] = name.Leaf, ["keys"] = new JsonArray([.. name.Pairs.Select(p => (JsonNode?)JsonValue.Create(p))]) };
}
