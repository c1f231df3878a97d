namespace Hypergrid.Config.Yaml;

/// <summary>A YAML sequence.</summary>
public sealed record CfgList(IReadOnlyList<CfgNode> Items, SourceMark Mark) : CfgNode(Mark)
{
    /// <remarks>Made when first asked (see <see cref="CfgScalar.Canonical"/>).</remarks>
    public override string Canonical => canonical ??= "[" + string.Join(", ", Items.Select(i => i.Canonical)) + "]";

    private string? canonical;

    // What the record's own equality compared, less the text made from it when asked (the same items give the same text).
    public bool Equals(CfgList? other) => ReferenceEquals(this, other) || other is not null && base.Equals(other) && Equals(Items, other.Items);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Items);
}
