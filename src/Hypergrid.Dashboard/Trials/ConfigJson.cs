using System.Text.Json.Nodes;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Dashboard.Trials;

/// <summary>A resolved config as JSON, with YAML numbers and booleans as JSON numbers and booleans.</summary>
public static class ConfigJson
{
    public static JsonNode? From(CfgNode node) => node switch
    {
        CfgScalar { Kind: ScalarKind.Null } => null,
        CfgScalar { Kind: ScalarKind.Bool } s => JsonValue.Create(s.TryGetBool(out var b) && b),
        CfgScalar { Kind: ScalarKind.Int } s when s.TryGetLong(out var l) => JsonValue.Create(l),
        CfgScalar { Kind: ScalarKind.Float } s when s.TryGetDouble(out var d) && double.IsFinite(d) => JsonValue.Create(d),
        CfgScalar s => JsonValue.Create(s.Text),
        CfgList list => new JsonArray(list.Items.Select(From).ToArray()),
        CfgMap map => Object(map),
        _ => null,
    };

    public static JsonObject Object(CfgMap map)
    {
        var o = new JsonObject();
        foreach (var e in map.Entries) o[e.Key] = From(e.Value);
        return o;
    }
}
