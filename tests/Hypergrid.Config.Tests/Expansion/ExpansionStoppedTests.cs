using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Tests.Expansion;

/// <summary>
/// An expansion stopped partway (a run killed while it writes its trials' cfg.yaml files) and expanded again gives every
/// trial the number a whole expansion gives it, and leaves no trial folder without its cfg.yaml. The stop is injected
/// where the writes happen: a file in one trial folder's place (the folder cannot be made), taken away before expanding
/// again. A kill of the real process is <c>ExpandKilledTests</c>.
/// </summary>
public class ExpansionStoppedTests
{
    private const string Leaf = "sweep/mnist/mlp/adam", Other = "sweep/mnist/mlp/sgd";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_expansion_stopped_partway_numbers_its_trials_as_a_whole_one_when_expanded_again(bool added)
    {
        // Eight trials first when added (values added to an axis since), none otherwise: then 32 new ones.
        const string before = "seed: 0\nlr: [0.1, 0.2]\nwidth: [1, 2, 3, 4]\n";
        const string after = "seed: 0\nlr: [0.1, 0.2, 0.3, 0.4, 0.5]\nwidth: [1, 2, 3, 4, 5, 6, 7, 8]\n";
        using var whole = new CfgTree().Write(Leaf, before).Write(Other, before);
        using var stopped = new CfgTree().Write(Leaf, before).Write(Other, before);
        if (added)
        {
            Expander.Expand(whole.Options());
            Expander.Expand(stopped.Options());
        }
        whole.Write(Leaf, after).Write(Other, after);
        stopped.Write(Leaf, after).Write(Other, after);
        Expander.Expand(whole.Options());

        // trial_012 is new either way, with new trials after it.
        var blocked = Path.GetDirectoryName(stopped.TrialFile(Leaf, 12))!;
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        File.WriteAllText(blocked, "not a folder");
        Assert.ThrowsAny<Exception>(() => Expander.Expand(stopped.Options()));
        File.Delete(blocked);
        Expander.Expand(stopped.Options());

        Assert.Equal(Folders(whole, Leaf), Folders(stopped, Leaf));
        Assert.Equal(Folders(whole, Other), Folders(stopped, Other));
    }

    // Every trial folder of a leaf by name, with its cfg.yaml ("none" where it has none).
    private static SortedDictionary<string, string> Folders(CfgTree tree, string leafPath)
    {
        var leaf = Path.Combine(tree.Out, "log", leafPath);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in Directory.GetDirectories(leaf, "trial_*"))
        {
            var config = Path.Combine(dir, "cfg.yaml");
            result[Path.GetFileName(dir)] = File.Exists(config) ? string.Join('\n', File.ReadLines(config).Where(l => !l.StartsWith('#'))) : "none";
        }
        return result;
    }
}
