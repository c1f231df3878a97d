namespace Hypergrid.Config.Yaml;

/// <summary>A YAML sequence.</summary>
public sealed record CfgList(IReadOnlyList<CfgNode> Items, SourceMark Mark) : CfgNode(Mark)
{
    public override string Canonical { get; } = "[" + string.Join(", ", Items.Select(i => i.Canonical)) + "]";
}
