namespace Hypergrid.Trials;

/// <summary>A trial state as status, the run summary, the page and the report write it.</summary>
public static class TrialStateNames
{
    /// <summary>"complete", "stale", ... and "other-code" (a complete result trained by other code than the study holds now).</summary>
    public static string Name(this TrialState state) => (uint)state < (uint)Names.Length ? Names[(int)state] : Spelled(state);

    // Each state's name made once (a first trial list names 100,000 states twice): its C# name in lower case, but OtherCode's.
    private static readonly string[] Names = [.. Enum.GetValues<TrialState>().OrderBy(s => (int)s).Select(Spelled)];

    private static string Spelled(TrialState state) => state == TrialState.OtherCode ? "other-code" : state.ToString().ToLowerInvariant();
}
