namespace Hypergrid.Trials.Search;

/// <summary>
/// A section's adaptive-seed rounds as read: the rounds made, in order; what was not counted and not yet repaired (a
/// line cut short, a damaged line); and the settings the last round was made under (null without rounds).
/// </summary>
public sealed record SeedLog(IReadOnlyList<SeedRound> Rounds, IReadOnlyList<string> Damage, string? LatestSettings)
{
    public static readonly SeedLog Empty = new([], [], null);
}
