using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// A sweep leaf's ranges and choices: the parameters a search method proposes values for. <see cref="Parameters"/> lists
/// every parameter once (options' parameters included) in the order written; a proposal is one internal value per
/// parameter, and applying it to the leaf's entries gives a trial's entries: each range replaced by its value, each choice
/// by the chosen option's name followed by that option's keys. Pure.
/// </summary>
public sealed class SearchSpace(IReadOnlyList<SpaceParameter> top, IReadOnlyList<SpaceParameter> parameters)
{
    /// <summary>The parameters written at the leaf's top level (a choice's options hold the rest).</summary>
    public IReadOnlyList<SpaceParameter> Top { get; } = top;

    /// <summary>Every parameter, by <see cref="SpaceParameter.Index"/>.</summary>
    public IReadOnlyList<SpaceParameter> Parameters { get; } = parameters;

    /// <summary>Every key a trial of this space may hold because of it (ranges, choices and options' keys), in order written.</summary>
    public IReadOnlyList<string> Keys { get; } = KeysOf(top).Distinct().ToList();

    /// <summary>Snaps every coordinate of a proposal to a value a trial can hold.</summary>
    public double[] Snap(double[] x) => Parameters.Select(p => p.Snap(x[p.Index])).ToArray();

    /// <summary>A point of the unit cube (one coordinate per parameter) as a proposal.</summary>
    public double[] FromUnit(IReadOnlyList<double> u) => Parameters.Select(p => p.FromUnit(u[p.Index])).ToArray();

    /// <summary>A trial's entries: <paramref name="entries"/> with each top-level parameter replaced by its proposed value (and a choice's option keys after it).</summary>
    public IReadOnlyList<MergedEntry> Apply(IReadOnlyList<MergedEntry> entries, double[] x)
    {
        var byKey = Top.ToDictionary(p => p.Key);
        var result = new List<MergedEntry>(entries.Count + 4);
        foreach (var e in entries)
            if (byKey.TryGetValue(e.Key, out var p)) Emit(p, x, result);
            else result.Add(e);
        return result;
    }

    /// <summary>
    /// The proposal a trial's config holds, read back: the internal value of each active parameter, NaN where the
    /// parameter is inactive (an option not chosen) or its value is not one the space proposes.
    /// </summary>
    public double[] Observe(Func<string, CfgNode?> config)
    {
        var x = new double[Parameters.Count];
        Array.Fill(x, double.NaN);
        Read(Top, config, x);
        return x;
    }

    private static void Read(IEnumerable<SpaceParameter> parameters, Func<string, CfgNode?> config, double[] x)
    {
        foreach (var p in parameters)
        {
            if (config(p.Key) is not { } node || p.FromNode(node) is not { } v) continue;
            x[p.Index] = v;
            if (p is ChoiceParameter choice) Read(choice.Options[(int)v].Parameters, config, x);
        }
    }

    private void Emit(SpaceParameter p, double[] x, List<MergedEntry> result)
    {
        result.Add(p.Entry with { Value = p.ToNode(x[p.Index], p.Entry.Value.Mark) });
        if (p is not ChoiceParameter choice) return;
        var option = choice.Options[(int)choice.Snap(x[p.Index])];
        var nested = option.Parameters.ToDictionary(n => n.Key);
        foreach (var e in option.Entries)
            if (nested.TryGetValue(e.Key, out var n)) Emit(n, x, result);
            else result.Add(e);
    }


    private static IEnumerable<string> KeysOf(IEnumerable<SpaceParameter> parameters)
    {
        foreach (var p in parameters)
        {
            yield return p.Key;
            if (p is ChoiceParameter c)
                foreach (var o in c.Options)
                    foreach (var e in o.Entries)
                        if (o.Parameters.FirstOrDefault(n => n.Key == e.Key) is { } n) foreach (var k in KeysOf([n])) yield return k;
                        else yield return e.Key;
        }
    }
}
