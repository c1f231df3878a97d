namespace Hypergrid.Config.Yaml;

/// <summary>A YAML mapping with string keys, in the order they were written.</summary>
public sealed record CfgMap(IReadOnlyList<CfgEntry> Entries, SourceMark Mark) : CfgNode(Mark)
{
    public CfgNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public bool ContainsKey(string key) => Entries.Any(e => e.Key == key);

    public override string Canonical { get; } = "{" + string.Join(", ", Entries.Select(e => YamlText.Key(e.Key) + ": " + e.Value.Canonical)) + "}";
}

/// <summary>One key of a mapping with the mark of the key itself.</summary>
public sealed record CfgEntry(string Key, CfgNode Value, SourceMark KeyMark);
