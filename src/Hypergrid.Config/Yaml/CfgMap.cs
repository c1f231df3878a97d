namespace Hypergrid.Config.Yaml;

/// <summary>A YAML mapping with string keys, in the order they were written.</summary>
public sealed record CfgMap(IReadOnlyList<CfgEntry> Entries, SourceMark Mark) : CfgNode(Mark)
{
    public CfgNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public bool ContainsKey(string key) => Entries.Any(e => e.Key == key);

    /// <remarks>Made when first asked (see <see cref="CfgScalar.Canonical"/>).</remarks>
    public override string Canonical => canonical ??= "{" + string.Join(", ", Entries.Select(e => YamlText.Key(e.Key) + ": " + e.Value.Canonical)) + "}";

    private string? canonical;

    // What the record's own equality compared, less the text made from it when asked (the same entries give the same text).
    public bool Equals(CfgMap? other) => ReferenceEquals(this, other) || other is not null && base.Equals(other) && Equals(Entries, other.Entries);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Entries);
}

/// <summary>One key of a mapping with the mark of the key itself.</summary>
public sealed record CfgEntry(string Key, CfgNode Value, SourceMark KeyMark);
