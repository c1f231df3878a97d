namespace Hypergrid.Config.Search;

/// <summary>The distribution of a numeric range: uniform, uniform in log space, or uniform over the whole numbers of [a, b].</summary>
public enum RangeKind
{
    Uniform,
    LogUniform,
    IntUniform,
}
