using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Training.Settings;

/// <summary>
/// Typed access to a trial's resolved config. Every read declares a key, its type, default, range and
/// meaning; keys nobody declared are errors (nanoGPT's rule: an unknown key is never ignored). Each value
/// read is also kept in its declared type (<see cref="Normalized"/>), which is what identifies a trial.
/// Problems are reported at the mark of the value: the cfg/ file and line that set it.
/// </summary>
public sealed class ConfigReader(TrialConfig config)
{
    private readonly HashSet<string> known = [];
    private readonly List<ConfigError> errors = [];
    private readonly Dictionary<string, CfgNode> normalized = new(StringComparer.Ordinal);
    private readonly List<(string Key, CfgNode Value)> defaults = [];

    public IReadOnlyList<ConfigError> Errors => errors;

    /// <summary>The config with every value read in its declared type; keys not read keep their value.</summary>
    public TrialConfig Normalized => config.With(normalized);

    /// <summary>The normalized config followed by every declared key it leaves out, with its default: the whole effective config.</summary>
    public TrialConfig WithDefaults
    {
        get
        {
            var entries = Normalized.Entries.ToList();
            var mark = new SourceMark("(default)", 0, 0);
            foreach (var (key, value) in defaults)
                if (config[key] is null && entries.All(e => e.Key != key)) entries.Add(new MergedEntry(key, value, mark.File, mark));
            return new TrialConfig(entries);
        }
    }

    /// <summary>Declares a key that is read elsewhere (structural keys such as slurm).</summary>
    public void Allow(string key) => known.Add(key);

    public string String(string key, string fallback, params string[] allowed)
    {
        if (Node(key) is not { } node) return Default(key, fallback);
        if (node is CfgScalar { Kind: not ScalarKind.Null } s)
        {
            if (allowed.Length == 0 || allowed.Contains(s.Text)) return Keep(key, s.Kind == ScalarKind.String ? s : new CfgScalar(s.Text, ScalarKind.String, s.Mark), s.Text);
            return Fail(node, key, $"is '{s.Text}'", $"use one of: {string.Join(", ", allowed)}", fallback);
        }
        return Fail(node, key, $"is {node.Canonical}, not a word", allowed.Length > 0 ? $"use one of: {string.Join(", ", allowed)}" : "write a plain value", fallback);
    }

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Node(key) is not { } node) return Default(key, fallback);
        if (node is CfgScalar { Integer: { } v } && v >= min && v <= max) return Keep(key, node, (int)v);
        return Fail(node, key, $"is {Shown(node)}", $"write an integer{Range(min, max)}", fallback);
    }

    public int? OptionalInt(string key, int min = int.MinValue, int max = int.MaxValue) =>
        IsNull(key) ? Default<int?>(key, null) : Int(key, 0, min, max);

    /// <summary>A finite number in [min, max]; an integer is read as the same number (lr: 1 is lr: 1.0).</summary>
    public double Double(string key, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Node(key) is not { } node) return Default(key, fallback);
        if (node is CfgScalar { Number: { } v } s && double.IsFinite(v) && v >= min && v <= max)
            return Keep(key, s.Kind == ScalarKind.Float ? s : CfgScalar.Of(v, node.Mark), v);
        var problem = node is CfgScalar { Number: { } bad } && !double.IsFinite(bad) ? $"is {Shown(node)}, which is not a finite number" : $"is {Shown(node)}";
        return Fail(node, key, problem, $"write a number{Range(min, max)}", fallback);
    }

    public double? OptionalDouble(string key, double min = double.MinValue, double max = double.MaxValue) =>
        IsNull(key) ? Default<double?>(key, null) : Double(key, 0, min, max);

    public bool Bool(string key, bool fallback)
    {
        if (Node(key) is not { } node) return Default(key, fallback);
        if (node is CfgScalar { Boolean: { } v }) return Keep(key, node, v);
        return Fail(node, key, $"is {Shown(node)}", "write true or false", fallback);
    }

    /// <summary>A non-empty list of integers in [min, max]; a single integer is read as a list of one.</summary>
    public int[] Ints(string key, int[] fallback, int min = 1, int max = int.MaxValue)
    {
        if (Node(key) is not { } node) return Default(key, fallback);
        var items = node is CfgList list ? list.Items : [node];
        var hint = $"write a list of integers{Range(min, max)}, e.g. [256, 128]";
        if (items.Count == 0) return Fail(node, key, "is an empty list", hint, fallback);
        var values = new List<int>();
        foreach (var item in items)
        {
            if (item is CfgScalar { Integer: { } v } && v >= min && v <= max) values.Add((int)v);
            else return Fail(node, key, $"is {Shown(node)}", hint, fallback);
        }
        // A list as written is already its canonical form; a single integer becomes a list of one.
        return Keep(key, node is CfgList ? node : new CfgList([node], node.Mark), values.ToArray());
    }

    /// <summary>A list of words from a fixed set; a single word is read as a list of one.</summary>
    public string[] Words(string key, string[] fallback, IReadOnlyCollection<string> allowed)
    {
        if (Node(key) is not { } node) return Default(key, fallback);
        var items = node is CfgList list ? list.Items : [node];
        var words = new List<string>();
        foreach (var item in items)
        {
            if (item is CfgScalar { Kind: ScalarKind.String } s && allowed.Contains(s.Text)) words.Add(s.Text);
            else return Fail(item, key, $"contains {Shown(item)}", $"use any of: {string.Join(", ", allowed)}", fallback);
        }
        return Keep(key, node is CfgList ? node : new CfgList([node], node.Mark), words.ToArray());
    }

    /// <summary>Errors for keys no component declared, listing the keys this trial accepts.</summary>
    public void RejectUnknownKeys(string owners)
    {
        foreach (var e in config.Entries.Where(e => !known.Contains(e.Key)))
            errors.Add(new ConfigError(e.KeyMark, e.Key, $"is not a key that {owners} read",
                $"remove it or fix its spelling; known keys: {string.Join(", ", known.Order(StringComparer.Ordinal))}"));
    }

    /// <summary>Adds a problem found while checking values together (e.g. two keys that contradict).</summary>
    public void Problem(string key, string problem, string hint) =>
        errors.Add(new ConfigError(config.Entry(key)?.KeyMark ?? default, key, problem, hint));

    private CfgNode? Node(string key)
    {
        known.Add(key);
        return config[key];
    }

    private bool IsNull(string key) => Node(key) is null or CfgScalar { Kind: ScalarKind.Null };

    // A key left out takes its default; the default is kept as a value too, for whoever needs the whole config (promote).
    private T Default<T>(string key, T fallback)
    {
        var mark = new SourceMark("(default)", 0, 0);
        CfgNode value = fallback switch
        {
            null => new CfgScalar("null", ScalarKind.Null, mark),
            int i => CfgScalar.Of(i, mark),
            double d => CfgScalar.Of(d, mark),
            bool b => new CfgScalar(b ? "true" : "false", ScalarKind.Bool, mark),
            string s => new CfgScalar(s, ScalarKind.String, mark),
            int[] list => new CfgList(list.Select(i => (CfgNode)CfgScalar.Of(i, mark)).ToList(), mark),
            string[] words => new CfgList(words.Select(w => (CfgNode)new CfgScalar(w, ScalarKind.String, mark)).ToList(), mark),
            _ => throw new InvalidOperationException($"no YAML form for the default of {key}"),
        };
        if (config[key] is null) defaults.Add((key, value));
        return fallback;
    }

    private T Keep<T>(string key, CfgNode value, T result)
    {
        normalized[key] = value;
        return result;
    }

    private T Fail<T>(CfgNode node, string key, string problem, string hint, T fallback)
    {
        errors.Add(new ConfigError(node.Mark, key, problem, hint));
        return fallback;
    }

    // What the user wrote, cut to a line: an error quotes a value, it does not reproduce a megabyte of it.
    private static string Shown(CfgNode node)
    {
        var text = node switch
        {
            CfgScalar { Kind: ScalarKind.String } s => $"'{s.Text}'",
            CfgScalar s => s.Text,
            _ => node.Canonical,
        };
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Range(double min, double max)
    {
        static string F(double v) => v.ToString("G", CultureInfo.InvariantCulture);
        var noMin = min is double.MinValue or int.MinValue;
        var noMax = max is double.MaxValue or int.MaxValue;
        return (noMin, noMax) switch
        {
            (true, true) => "",
            (false, true) => $" >= {F(min)}",
            (true, false) => $" <= {F(max)}",
            _ => $" from {F(min)} to {F(max)}",
        };
    }
}
