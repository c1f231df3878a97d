using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Training.Settings;

/// <summary>
/// Typed access to a trial's resolved config. Every read declares a key, its default and its
/// meaning; keys nobody declared are errors (nanoGPT's rule: an unknown key is never ignored).
/// </summary>
public sealed class ConfigReader(CfgMap config, string file)
{
    private readonly HashSet<string> known = [];
    private readonly List<ConfigError> errors = [];

    public string File => file;
    public IReadOnlyList<ConfigError> Errors => errors;

    /// <summary>Declares a key that is read elsewhere (structural keys such as slurm).</summary>
    public void Allow(string key) => known.Add(key);

    public string String(string key, string fallback, params string[] allowed)
    {
        if (Node(key) is not { } node) return fallback;
        if (node is CfgScalar { Kind: not ScalarKind.Null } s)
        {
            if (allowed.Length == 0 || allowed.Contains(s.Text)) return s.Text;
            return Fail(node, key, $"is '{s.Text}'", $"use one of: {string.Join(", ", allowed)}", fallback);
        }
        return Fail(node, key, $"is {node.Canonical}, not a word", allowed.Length > 0 ? $"use one of: {string.Join(", ", allowed)}" : "write a plain value", fallback);
    }

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Node(key) is not { } node) return fallback;
        if (node is CfgScalar s && s.TryGetLong(out var v) && v >= min && v <= max) return (int)v;
        return Fail(node, key, $"is {node.Canonical}", $"write an integer{Range(min, max)}", fallback);
    }

    public int? OptionalInt(string key, int min = int.MinValue)
    {
        var node = Node(key);
        if (node is null or CfgScalar { Kind: ScalarKind.Null }) return null;
        return Int(key, 0, min);
    }

    public double Double(string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (Node(key) is not { } node) return fallback;
        if (node is CfgScalar s && s.TryGetDouble(out var v) && v >= min && v <= max) return v;
        return Fail(node, key, $"is {node.Canonical}", $"write a number{Range(min, max)}", fallback);
    }

    public double? OptionalDouble(string key, double min = double.NegativeInfinity)
    {
        var node = Node(key);
        if (node is null or CfgScalar { Kind: ScalarKind.Null }) return null;
        return Double(key, 0, min);
    }

    public bool Bool(string key, bool fallback)
    {
        if (Node(key) is not { } node) return fallback;
        if (node is CfgScalar s && s.TryGetBool(out var v)) return v;
        return Fail(node, key, $"is {node.Canonical}", "write true or false", fallback);
    }

    /// <summary>A list of integers; a single integer is read as a list of one.</summary>
    public int[] Ints(string key, int[] fallback, int min = 1)
    {
        if (Node(key) is not { } node) return fallback;
        var items = node is CfgList list ? list.Items : [node];
        var values = new List<int>();
        foreach (var item in items)
        {
            if (item is CfgScalar s && s.TryGetLong(out var v) && v >= min && v <= int.MaxValue) values.Add((int)v);
            else return Fail(node, key, $"is {node.Canonical}", $"write a list of integers{Range(min, int.MaxValue)}, e.g. [256, 128]", fallback);
        }
        return values.ToArray();
    }

    /// <summary>A list of words from a fixed set.</summary>
    public string[] Words(string key, string[] fallback, IReadOnlyCollection<string> allowed)
    {
        if (Node(key) is not { } node) return fallback;
        var items = node is CfgList list ? list.Items : [node];
        var words = new List<string>();
        foreach (var item in items)
        {
            if (item is CfgScalar { Kind: ScalarKind.String } s && allowed.Contains(s.Text)) words.Add(s.Text);
            else return Fail(item, key, $"contains {item.Canonical}", $"use any of: {string.Join(", ", allowed)}", fallback);
        }
        return words.ToArray();
    }

    /// <summary>Errors for keys no component declared, listing the keys this trial accepts.</summary>
    public void RejectUnknownKeys(string owners)
    {
        foreach (var e in config.Entries.Where(e => !known.Contains(e.Key)))
            errors.Add(new ConfigError(Where(e.KeyMark), e.Key, $"is not a key that {owners} read",
                $"remove it or fix its spelling; known keys: {string.Join(", ", known.Order(StringComparer.Ordinal))}"));
    }

    /// <summary>Adds a problem found while checking values together (e.g. two keys that contradict).</summary>
    public void Problem(string key, string problem, string hint) =>
        errors.Add(new ConfigError(Where(config.Entries.FirstOrDefault(e => e.Key == key)?.KeyMark ?? default), key, problem, hint));

    private CfgNode? Node(string key)
    {
        known.Add(key);
        return config[key];
    }

    private T Fail<T>(CfgNode node, string key, string problem, string hint, T fallback)
    {
        errors.Add(new ConfigError(Where(node.Mark), key, problem, hint));
        return fallback;
    }

    // Marks in a trial config point into the trial's cfg.yaml; report that file so the user can open it.
    private SourceMark Where(SourceMark mark) => mark with { File = file };

    private static string Range(double min, double max) =>
        (min, max) switch
        {
            (double.NegativeInfinity or int.MinValue, double.PositiveInfinity or int.MaxValue) => "",
            (_, double.PositiveInfinity or int.MaxValue) => $" >= {min.ToString(CultureInfo.InvariantCulture)}",
            _ => $" in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]",
        };
}
