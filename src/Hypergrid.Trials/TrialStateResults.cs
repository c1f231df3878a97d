namespace Hypergrid.Trials;

/// <summary>Which trial states hold a result: the trials a report ranks and the page's Results offer metrics of.</summary>
public static class TrialStateResults
{
    /// <summary>
    /// Complete, or complete by other code than the study holds now (reported as its own group). A running, paused,
    /// stale or failed trial's log is no result: its metrics are not offered to rank by (the page reads this list from
    /// GET /api/trials' resultStates).
    /// </summary>
    public static bool IsResult(this TrialState state) => state is TrialState.Complete or TrialState.OtherCode;

    /// <summary>The states that hold a result, by name, in the enum's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TrialState>().Where(IsResult).Select(s => s.Name())];
}
