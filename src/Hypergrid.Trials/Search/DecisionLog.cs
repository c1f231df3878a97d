namespace Hypergrid.Trials.Search;

/// <summary>
/// What a leaf's decisions file holds when read whole: the decisions of every round made (each round once, as first
/// written), the settings each round was made under, and what was not counted and why (a round cut short, a line
/// damaged).
/// </summary>
public sealed record DecisionLog(IReadOnlyList<SearchDecision> Decisions, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<string> Damage)
{
    public static readonly DecisionLog Empty = new([], new Dictionary<string, string>(), []);

    /// <summary>Who first wrote each round (the <c>by</c> of its end record): a decider prints only the rounds it made.</summary>
    public IReadOnlyDictionary<string, string> MadeBy { get; init; } = new Dictionary<string, string>();

    /// <summary>The settings the last round made was made under (null when none recorded them).</summary>
    public string? LatestSettings { get; init; }
}
