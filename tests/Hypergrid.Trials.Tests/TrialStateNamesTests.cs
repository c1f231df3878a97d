namespace Hypergrid.Trials.Tests;

/// <summary>A state's name as status, the page and the report write it, made once per state.</summary>
public class TrialStateNamesTests
{
    [Fact]
    public void Every_state_is_named_in_lower_case_and_other_code_with_a_hyphen()
    {
        Assert.Equal(
            ["pending", "running", "complete", "failed", "stale", "damaged", "orphan", "paused", "other-code", "diverged"],
            Enum.GetValues<TrialState>().Select(s => s.Name()));
        Assert.Same(TrialState.Complete.Name(), TrialState.Complete.Name()); // not a new string per call
        Assert.Equal("12", ((TrialState)12).Name());
    }
}
