using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hypergrid.Config.Yaml;

/// <summary>
/// Deterministic YAML rendering of values: numbers in canonical form (shortest round-trip digits, so floats
/// read back exactly); strings stay plain when that is unambiguous and are double-quoted otherwise.
/// </summary>
public static partial class YamlText
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One-line (flow) rendering of any value.</summary>
    public static string Flow(CfgNode node)
    {
        var sb = new StringBuilder();
        WriteFlow(sb, node);
        return sb.ToString();
    }

    /// <summary>A mapping key, quoted only when needed.</summary>
    public static string Key(string key) => Str(key);

    /// <summary>What follows "key:" for a top-level entry: inline for scalars and lists, a block for mappings.</summary>
    public static string TopValue(CfgNode node)
    {
        if (node is not CfgMap { Entries.Count: > 0 } map) return " " + Flow(node);
        var sb = new StringBuilder();
        WriteBlock(sb, map, 1);
        return sb.ToString();
    }

    private static void WriteBlock(StringBuilder sb, CfgMap map, int depth)
    {
        foreach (var e in map.Entries)
        {
            sb.Append('\n').Append(' ', depth * 2).Append(Key(e.Key)).Append(':');
            if (e.Value is CfgMap { Entries.Count: > 0 } inner) WriteBlock(sb, inner, depth + 1);
            else sb.Append(' ').Append(Flow(e.Value));
        }
    }

    private static void WriteFlow(StringBuilder sb, CfgNode node)
    {
        switch (node)
        {
            case CfgScalar s:
                sb.Append(Scalar(s));
                break;
            case CfgList list:
                sb.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteFlow(sb, list.Items[i]);
                }
                sb.Append(']');
                break;
            case CfgMap map:
                sb.Append('{');
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(Key(map.Entries[i].Key)).Append(": ");
                    WriteFlow(sb, map.Entries[i].Value);
                }
                sb.Append('}');
                break;
        }
    }

    private static string Scalar(CfgScalar s) => s.Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.String => Str(s.Text),
        ScalarKind.Bool => s.Boolean == true ? "true" : "false",
        ScalarKind.Int when s.Integer is { } i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScalarKind.Float when s.Number is { } d => CfgScalar.FloatText(d),
        _ => s.Text,
    };

    private static string Str(string text) =>
        SafePlain().IsMatch(text) && ScalarResolver.Resolve(text) == ScalarKind.String
            ? text
            : JsonSerializer.Serialize(text, Quoting);

    [GeneratedRegex(@"^[A-Za-z0-9_/][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+-]+)*$")]
    private static partial Regex SafePlain();
}
