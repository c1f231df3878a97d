using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

public class RunSummaryTests
{
    private static TrialRecord Row(int n, TrialState state) => new(new TrialId("sweep", "d", "m", "t", n), $"/tmp/t{n}", state, null, null, null);

    [Fact]
    public void A_trial_another_run_is_still_training_is_not_a_failure_of_this_run()
    {
        // Two runs started together: one may end while the other still trains a trial both had planned.
        var summary = new RunSummary([Row(0, TrialState.Complete), Row(1, TrialState.Running)], 0);
        Assert.Equal(0, summary.ExitCode);
    }

    [Theory]
    [InlineData(TrialState.Failed)]
    [InlineData(TrialState.Pending)]
    [InlineData(TrialState.Damaged)]
    public void A_trial_that_failed_was_interrupted_or_is_damaged_makes_the_run_exit_1(TrialState state) =>
        Assert.Equal(1, new RunSummary([Row(0, TrialState.Complete), Row(1, state)], 0).ExitCode);
}
