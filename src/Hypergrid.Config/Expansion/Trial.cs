using Hypergrid.Config.Tree;
using Hypergrid.Trials;

namespace Hypergrid.Config.Expansion;

/// <summary>One point of a leaf's grid: its number and folder, its axis values, and its resolved config (a value, checked once).</summary>
public sealed record Trial(Leaf Leaf, int Number, string Directory, IReadOnlyList<AxisValue> AxisValues, TrialConfig Config, string ConfigText)
{
    public TrialId Id => new(Leaf.Mode, Leaf.Dataset, Leaf.Model, Leaf.Trainer, Number);

    /// <summary>In a search leaf, the proposal this trial is (the first, if later ones repeated its values); null in a grid.</summary>
    public Search.SearchPoint? Point { get; init; }

    public string ConfigPath => Path.Combine(Directory, TrialFiles.Config);
}
