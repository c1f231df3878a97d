using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Findings;

/// <summary>
/// Names for a few settings of one leaf, made of the keys whose values differ between them (<c>lr=0.01,layers=2</c>),
/// each usable as a folder name: only ASCII letters, digits and <c>. _ + - = ,</c>; numbers with the fewest significant
/// digits (at least 3) that keep the names apart; the same settings give the same names. Names that still collide (two
/// strings that differ only in unsafe characters) end in a hash of their setting, and a name longer than
/// <see cref="MaxLength"/> is cut and ends in a hash of the whole name. Pure.
/// </summary>
public static class SettingNames
{
    /// <summary>The longest name given (a folder name may be 255 bytes; a path a reader scans should be shorter).</summary>
    public const int MaxLength = 64;

    private const int HashLength = 8;

    /// <summary>
    /// One name per setting of <paramref name="settings"/>, in order: the keys that differ between them, in the order
    /// they first appear; when none differ (one setting), the <paramref name="fallbackKeys"/> (what varies in the leaf).
    /// A setting without a key leaves it out of its name; a setting named by nothing is "default".
    /// </summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<JsonObject> settings, IReadOnlyList<string> fallbackKeys)
    {
        var keys = settings.SelectMany(s => s.Select(kv => kv.Key)).Distinct()
            .Where(k => settings.Select(s => s.TryGetPropertyValue(k, out var v) ? Reporter.Canonical(v) : "\u0002").Distinct().Count() > 1).ToList();
        if (keys.Count == 0) keys = [.. fallbackKeys];
        // The fewest digits that tell the settings apart: lr=0.001 and lr=0.003 rather than seventeen digits each.
        var names = Enumerable.Range(3, 15).Select(digits => settings.Select(s => Name(s, keys, digits)).ToList())
            .FirstOrDefault(n => n.Distinct().Count() == n.Count) ?? settings.Select(s => Name(s, keys, 17)).ToList();
        var clashing = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return names.Select((n, i) => Short(clashing.Contains(n) ? $"{n}-{Hash(Reporter.Canonical(settings[i]))}" : n)).ToList();
    }

    private static string Name(JsonObject setting, IReadOnlyList<string> keys, int digits)
    {
        var pairs = keys.Where(setting.ContainsKey).Select(k => $"{Safe(k)}={Safe(Text(setting[k], digits))}").ToList();
        return pairs.Count == 0 ? "default" : string.Join(',', pairs);
    }

    /// <summary>A value as a reader would say it: numbers short, strings bare, lists and mappings flattened with '_'.</summary>
    private static string Text(JsonNode? node, int digits) => node switch
    {
        null => "null",
        JsonArray a => a.Count == 0 ? "none" : string.Join('_', a.Select(x => Text(x, digits))),
        JsonObject o => o.Count == 0 ? "none" : string.Join('_', o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "_" + Text(kv.Value, digits))),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) =>
            d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("G" + digits, CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    // Anything outside the safe set (a slash, a space, a quote, a comma or '=' inside a value, a letter beyond ASCII) becomes '_', runs of it one.
    private static string Safe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+';
            if (ok) sb.Append(c);
            else if (sb.Length == 0 || sb[^1] != '_') sb.Append('_');
        }
        var safe = sb.ToString().Trim('_');
        return safe.Length == 0 ? "_" : safe;
    }

    private static string Short(string name) =>
        name.Length <= MaxLength ? name : $"{name[..(MaxLength - HashLength - 1)].TrimEnd(',', '=')}-{Hash(name)}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
}
