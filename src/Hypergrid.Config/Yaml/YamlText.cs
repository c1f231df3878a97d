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
    public static string Flow(CfgNode node) => node.Canonical;

    /// <summary>A mapping key, quoted only when needed.</summary>
    public static string Key(string key) => Keys.GetOrAdd(key, Str);

    // Keys are few and repeat in every trial of a study.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);

    /// <summary>What follows "key:" for a top-level entry: inline for scalars and lists, a block for mappings.</summary>
    public static string TopValue(CfgNode node)
    {
        if (node is not CfgMap { Entries.Count: > 0 } map) return " " + node.Canonical;
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
            else sb.Append(' ').Append(e.Value.Canonical);
        }
    }

    /// <summary>A scalar's canonical text from what was written and its resolved type: the value, not the spelling.</summary>
    public static string Scalar(string text, ScalarKind kind)
    {
        switch (kind)
        {
            case ScalarKind.Null: return "null";
            case ScalarKind.String: return Str(text);
            case ScalarKind.Bool: return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
        }
        if (kind == ScalarKind.Int) return CfgScalar.ParseInt(text) is { } i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : text;
        return CfgScalar.ParseFloat(text) is { } d ? CfgScalar.FloatText(d) : text;
    }

    private static string Str(string text) =>
        SafePlain().IsMatch(text) && ScalarResolver.Resolve(text) == ScalarKind.String
            ? text
            : JsonSerializer.Serialize(text, Quoting);

    [GeneratedRegex(@"^[A-Za-z0-9_/][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+-]+)*$")]
    private static partial Regex SafePlain();
}
