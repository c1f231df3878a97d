namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// One line's name by <see cref="LegendNames"/>' rule, in its parts: the parts of its leaf that tell it apart
/// ("mlp/sgd"; "" when the leaves do not differ) and the keys whose values do, each "key=value". A figure's legend shows
/// <see cref="Text"/>; the page's Results labels keep the parts, to shorten a long label by dropping what its points
/// share.
/// </summary>
public sealed record LegendName(string Leaf, IReadOnlyList<string> Pairs)
{
    /// <summary>The name as a legend writes it: the leaf part, a space, the pairs joined by commas.</summary>
    public string Text => Leaf.Length == 0 ? string.Join(", ", Pairs) : Pairs.Count == 0 ? Leaf : $"{Leaf} {string.Join(", ", Pairs)}";
}
