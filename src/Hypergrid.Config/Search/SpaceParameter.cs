using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// One parameter of a search space: a key whose value a search method proposes. Each has a place
/// (<see cref="Index"/>) in the space's flat list, and a proposal is one number per place in the parameter's internal
/// scale (the value for uniform and integer ranges, its logarithm for log ranges, the option's position for a choice).
/// </summary>
public abstract record SpaceParameter(string Key, int Index, MergedEntry Entry)
{
    /// <summary>The smallest and largest internal values (a choice's options are 0 to n-1).</summary>
    public abstract double InternalLow { get; }

    /// <summary>The largest internal value.</summary>
    public abstract double InternalHigh { get; }

    /// <summary>The internal value at <paramref name="u"/> in [0, 1) of the range, already snapped to a value a trial can hold.</summary>
    public abstract double FromUnit(double u);

    /// <summary>The nearest value a trial can hold (rounded as written to cfg.yaml, inside the range).</summary>
    public abstract double Snap(double x);

    /// <summary>The value written to the trial's cfg.yaml for internal value <paramref name="x"/>.</summary>
    public abstract CfgNode ToNode(double x, SourceMark mark);

    /// <summary>The internal value of a trial's value for this key, or null when it is not one this parameter proposes.</summary>
    public abstract double? FromNode(CfgNode node);
}
