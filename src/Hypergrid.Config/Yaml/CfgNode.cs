namespace Hypergrid.Config.Yaml;

/// <summary>An immutable YAML value that remembers where it was written.</summary>
public abstract record CfgNode(SourceMark Mark)
{
    /// <summary>One-line YAML rendering; equal values render equally, so it doubles as identity.</summary>
    public string Canonical => YamlText.Flow(this);
}
