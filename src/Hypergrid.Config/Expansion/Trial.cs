using Hypergrid.Config.Tree;
using Hypergrid.Trials;

namespace Hypergrid.Config.Expansion;

/// <summary>One point of a leaf's grid: its number and folder, its axis values, and its resolved config (a value, checked once).</summary>
public sealed record Trial(Leaf Leaf, int Number, string Directory, IReadOnlyList<AxisValue> AxisValues, TrialConfig Config, string ConfigText)
{
    public TrialId Id => new(Leaf.Mode, Leaf.Dataset, Leaf.Model, Leaf.Trainer, Number);

    public string ConfigPath => Path.Combine(Directory, TrialFiles.Config);
}
