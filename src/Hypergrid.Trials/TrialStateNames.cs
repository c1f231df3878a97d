namespace Hypergrid.Trials;

/// <summary>A trial state as status, the run summary, the page and the report write it.</summary>
public static class TrialStateNames
{
    /// <summary>"complete", "stale", ... and "other-code" (a complete result trained by other code than the study holds now).</summary>
    public static string Name(this TrialState state) => state == TrialState.OtherCode ? "other-code" : state.ToString().ToLowerInvariant();
}
