using System.Text.Json.Nodes;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Expansion;

/// <summary>Config values as JSON: YAML numbers and booleans as JSON numbers and booleans; non-finite numbers as their YAML text.</summary>
public static class ConfigJson
{
    public static JsonNode? From(CfgNode node) => node switch
    {
        CfgScalar { Kind: ScalarKind.Null } => null,
        CfgScalar { Boolean: { } b } => JsonValue.Create(b),
        CfgScalar { Integer: { } l } => JsonValue.Create(l),
        // A whole float keeps its '.0' (JSON would write 1.0 as 1, and a program would read an int where the tree says float).
        CfgScalar { Kind: ScalarKind.Float, Number: { } d } when double.IsFinite(d) && d == Math.Floor(d) => JsonNode.Parse(CfgScalar.FloatText(d)),
        CfgScalar { Kind: ScalarKind.Float, Number: { } d } when double.IsFinite(d) => JsonValue.Create(d),
        CfgScalar s => JsonValue.Create(s.Kind == ScalarKind.String ? s.Text : s.Canonical),
        CfgList list => new JsonArray(list.Items.Select(From).ToArray()),
        CfgMap map => Object(map),
        _ => null,
    };

    /// <summary>
    /// Writes what <see cref="From"/> gives for <paramref name="node"/>, as its WriteTo would write it, without making the
    /// nodes (a first trial list writes 100,000 configs and keeps only their bytes).
    /// </summary>
    public static void Write(System.Text.Json.Utf8JsonWriter w, CfgNode node)
    {
        switch (node)
        {
            case CfgScalar { Kind: ScalarKind.Null }: w.WriteNullValue(); break;
            case CfgScalar { Boolean: { } b }: w.WriteBooleanValue(b); break;
            case CfgScalar { Integer: { } l }: w.WriteNumberValue(l); break;
            case CfgScalar { Kind: ScalarKind.Float, Number: { } d } when double.IsFinite(d) && d == Math.Floor(d): w.WriteRawValue(CfgScalar.FloatText(d), skipInputValidation: true); break;
            case CfgScalar { Kind: ScalarKind.Float, Number: { } d } when double.IsFinite(d): w.WriteNumberValue(d); break;
            case CfgScalar s: w.WriteStringValue(s.Kind == ScalarKind.String ? s.Text : s.Canonical); break;
            // By index: a foreach over the interface boxes an enumerator per list and map (100,000 configs in a first list).
            case CfgList list:
                w.WriteStartArray();
                for (var i = 0; i < list.Items.Count; i++) Write(w, list.Items[i]);
                w.WriteEndArray();
                break;
            // A key twice: the object keeps its first place and its last value, as From's indexer does.
            case CfgMap map when Twice(map): From(map)!.WriteTo(w); break;
            case CfgMap map:
                w.WriteStartObject();
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    w.WritePropertyName(map.Entries[i].Key);
                    Write(w, map.Entries[i].Value);
                }
                w.WriteEndObject();
                break;
            default: w.WriteNullValue(); break;
        }
    }

    private static bool Twice(CfgMap map)
    {
        var entries = map.Entries;
        for (var i = 1; i < entries.Count; i++)
            for (var j = 0; j < i; j++)
                if (entries[i].Key == entries[j].Key) return true;
        return false;
    }

    /// <summary>A config value back from JSON (run.json's record of what a result ran with).</summary>
    public static CfgNode ToNode(JsonNode? json, SourceMark mark) => json switch
    {
        null => new CfgScalar("null", ScalarKind.Null, mark),
        JsonArray a => new CfgList(a.Select(x => ToNode(x, mark)).ToList(), mark),
        JsonObject o => new CfgMap(o.Select(kv => new CfgEntry(kv.Key, ToNode(kv.Value, mark), mark)).ToList(), mark),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => new CfgScalar(v.GetValue<string>(), ScalarKind.String, mark),
        JsonValue v => CfgScalar.Plain(v.ToJsonString(), mark),
        _ => new CfgScalar("null", ScalarKind.Null, mark),
    };

    private static JsonObject Object(CfgMap map)
    {
        var o = new JsonObject();
        foreach (var e in map.Entries) o[e.Key] = From(e.Value);
        return o;
    }
}
