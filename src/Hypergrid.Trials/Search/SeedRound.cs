namespace Hypergrid.Trials.Search;

/// <summary>
/// One round of adaptive seeds, decided once all the trials admitted before it were complete: at <see cref="Seeds"/> seeds
/// per active group, which groups stopped and why ("different", "equivalent"), and which get the next seed
/// (<see cref="Continue"/>; empty when the section is decided or at its maximum). Groups are named by their leaf's path
/// (<c>experiment/mnist/cnn/adam</c>).
/// </summary>
public sealed record SeedRound(int Number, int Seeds, string Best, IReadOnlyDictionary<string, string> Stopped, IReadOnlyList<string> Continue)
{
    /// <summary>The most seeds a group may get (the setting's max when the round was made): what a fixed design would spend per group.</summary>
    public int Max { get; init; }

    /// <summary>The seeds a group is admitted to after <paramref name="rounds"/>: start, plus one per round it continued in.</summary>
    public static int Admitted(string group, int start, IEnumerable<SeedRound> rounds) => start + rounds.Count(r => r.Continue.Contains(group));
}
