using Hypergrid.Config.Tree;

namespace Hypergrid.Config.Expansion;

/// <summary>One point of a leaf's grid: its folder under out/log, number, axis values and resolved config text.</summary>
public sealed record Trial(Leaf Leaf, int Number, string Directory, IReadOnlyList<AxisValue> AxisValues, string ConfigText)
{
    /// <summary>mode/dataset/model/trainer/trial_###, the id used by the runner and the dashboard.</summary>
    public string Id => Path.Combine(Leaf.RelativePath, TrialFolder.Name(Number));

    public string ConfigPath => Path.Combine(Directory, TrialFolder.ConfigFile);
}
