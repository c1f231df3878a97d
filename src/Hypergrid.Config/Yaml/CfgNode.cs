namespace Hypergrid.Config.Yaml;

/// <summary>An immutable YAML value that remembers where it was written.</summary>
public abstract record CfgNode(SourceMark Mark)
{
    /// <summary>
    /// One-line YAML rendering of the value (not of its spelling): numbers in canonical form, so equal values
    /// render equally and this is the value's identity (<c>0.1</c>, <c>1e-1</c> and <c>0.10</c> give one text).
    /// </summary>
    /// <remarks>Computed once, when first asked (from its parts' texts): identity checks of 10,000 trials compare strings, a trial list of 100,000 asks almost never.</remarks>
    public abstract string Canonical { get; }
}
