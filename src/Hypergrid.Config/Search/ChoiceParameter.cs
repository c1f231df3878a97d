using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// <c>{choice: {adam: {beta1: ...}, sgd: {momentum: ...}}}</c>: the key takes an option's name (read as YAML reads it: 2 is a number), each with equal chance,
/// and the trial gets the keys of the option it chose (and only those). Internally an option is its position.
/// </summary>
public sealed record ChoiceParameter(string Key, int Index, MergedEntry Entry, IReadOnlyList<ChoiceOption> Options)
    : SpaceParameter(Key, Index, Entry)
{
    public override double InternalLow => 0;

    public override double InternalHigh => Options.Count - 1;

    public override double FromUnit(double u) => Math.Min(Options.Count - 1, Math.Floor(u * Options.Count));

    public override double Snap(double x) => Math.Clamp(Math.Round(x), 0, Options.Count - 1);

    public override CfgNode ToNode(double x, SourceMark mark) => CfgScalar.Plain(Options[(int)Snap(x)].Name, mark);

    public override double? FromNode(CfgNode node)
    {
        if (node is not CfgScalar s) return null;
        for (var i = 0; i < Options.Count; i++)
            if (Options[i].Name == s.Text) return i;
        return null;
    }
}
