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

    [Fact]
    public void A_run_launched_workers_when_any_of_its_passes_did_and_not_when_none_found_anything_to_train()
    {
        // What decides whether a run's end writes the trial list's index: a run that trained nothing leaves it as it was.
        var idle = new RunSummary([], 3);
        var trained = new RunSummary([Row(0, TrialState.Complete)], 0) { RunId = "20261207-101500-42" };
        Assert.False(idle.Launched);
        Assert.True(trained.Launched);
        // A tpe search's passes: one that trained, then a last one that found nothing to train.
        Assert.True(trained.Then(idle).Launched);
        Assert.False(idle.Then(idle).Launched);
    }
}
