namespace Hypergrid.Findings.Adaptive;

/// <summary>
/// One round of adaptive seeds, decided once all the trials admitted before it were complete: at <see cref="Seeds"/> seeds
/// per active group, which groups stopped and why ("different", "equivalent"), and which get the next seed
/// (<see cref="Continue"/>; empty when the section is decided or at its maximum).
/// </summary>
public sealed record SeedRound(int Number, int Seeds, string Best, IReadOnlyDictionary<string, string> Stopped, IReadOnlyList<string> Continue);
