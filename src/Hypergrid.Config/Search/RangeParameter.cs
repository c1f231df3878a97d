using System.Globalization;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// A numeric range: <c>{uniform: [a, b]}</c>, <c>{log_uniform: [a, b]}</c> or <c>{int_uniform: [a, b]}</c>. A proposed
/// float is rounded to <see cref="Digits"/> significant digits (the value the trial trains with and is known by, and a
/// cfg.yaml a reader can read); an integer range proposes whole numbers of [a, b], each with equal chance.
/// </summary>
public sealed record RangeParameter(string Key, int Index, MergedEntry Entry, RangeKind Kind, double Low, double High)
    : SpaceParameter(Key, Index, Entry)
{
    /// <summary>Significant digits a proposed float keeps.</summary>
    public const int Digits = 6;

    public override double InternalLow => Kind switch
    {
        RangeKind.LogUniform => Math.Log(Low),
        RangeKind.IntUniform => Low - 0.5,
        _ => Low,
    };

    public override double InternalHigh => Kind switch
    {
        RangeKind.LogUniform => Math.Log(High),
        RangeKind.IntUniform => High + 0.5,
        _ => High,
    };

    public override double FromUnit(double u) => Snap(InternalLow + u * (InternalHigh - InternalLow));

    public override double Snap(double x) => Kind switch
    {
        RangeKind.IntUniform => Math.Clamp(Math.Round(x, MidpointRounding.ToEven), Low, High),
        RangeKind.LogUniform => Math.Log(Math.Clamp(Round(Math.Exp(x)), Low, High)),
        _ => Math.Clamp(Round(x), Low, High),
    };

    public override CfgNode ToNode(double x, SourceMark mark) => Kind switch
    {
        RangeKind.IntUniform => CfgScalar.Of((long)Snap(x), mark),
        RangeKind.LogUniform => CfgScalar.Of(Math.Clamp(Round(Math.Exp(x)), Low, High), mark),
        _ => CfgScalar.Of(Snap(x), mark),
    };

    public override double? FromNode(CfgNode node)
    {
        if (node is not CfgScalar { Number: { } v } || double.IsNaN(v) || v < Low || v > High) return null;
        return Kind == RangeKind.LogUniform ? Math.Log(v) : v;
    }

    /// <summary><paramref name="v"/> to <see cref="Digits"/> significant digits (decimal rounding, the same on every machine).</summary>
    public static double Round(double v) =>
        double.Parse(v.ToString("G" + Digits, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
