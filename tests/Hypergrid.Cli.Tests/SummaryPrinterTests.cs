using Hypergrid.Running;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>The lines that end a run: a stop counts each trial once in the words of what happened to it; the totals cover the whole selection.</summary>
public class SummaryPrinterTests
{
    private const string ThisRun = "run-1";

    private static TrialRecord Pending(int n, string? resumesAt, string? ranIn) =>
        new(new TrialId("sweep", "d", "m", "t", n), $"/t/{n}", TrialState.Pending, null, null, ranIn is null ? null : new RunRecord { RunId = ranIn, Status = RunStatus.Interrupted })
        { ResumesAt = resumesAt };

    private static string Stopped(params TrialRecord[] rows) => SummaryPrinter.Stopped(new RunSummary(rows, 0) { RunId = ThisRun });

    [Fact]
    public void Two_checkpointed_and_one_not_started_are_counted_as_such()
    {
        Assert.Equal("stopping: 2 trial(s) checkpointed at epoch 3 batch 0, epoch 2 batch 5, 1 not started; rerun to continue",
            Stopped(Pending(0, "epoch 3 batch 0", ThisRun), Pending(1, "epoch 2 batch 5", ThisRun), Pending(2, null, null)));
    }

    [Fact]
    public void A_trial_started_here_without_a_checkpoint_is_told_apart_from_one_not_started_or_left_by_an_earlier_run()
    {
        Assert.Equal("stopping: 1 trial(s) checkpointed at epoch 1 batch 9, 2 stopped before their first checkpoint (they start again), 2 not started; rerun to continue",
            Stopped(Pending(0, "epoch 1 batch 9", ThisRun), Pending(1, null, ThisRun), Pending(2, null, ThisRun), Pending(3, null, null), Pending(4, null, "run-0")));
        Assert.Equal("stopping: 1 stopped before its first checkpoint (it starts again); rerun to continue", Stopped(Pending(0, null, ThisRun)));
        Assert.Equal("stopping: no trial was left unfinished; rerun to continue", Stopped());
    }

    [Fact]
    public void The_end_of_run_line_says_how_many_of_the_whole_selection_are_complete_not_only_those_trained_here()
    {
        Assert.Equal("2 trained, 1 not complete; 5 of the 6 selected trial(s) are complete (3 not trained in this run)",
            SummaryPrinter.Totals(new RunSummary([], 3) { Selected = 6, OthersComplete = 3 }, complete: 2, failed: 1));
        Assert.Equal("6 trained, 0 not complete; 6 of the 6 selected trial(s) are complete",
            SummaryPrinter.Totals(new RunSummary([], 0) { Selected = 6 }, complete: 6, failed: 0));
    }

    // A diverged result is finished, as the run's opening line counts it: not "not complete", and named.
    [Fact]
    public void A_diverged_trial_trained_here_counts_as_finished_and_is_named_as_diverged()
    {
        TrialRecord Row(int n, TrialState state) => new(new TrialId("sweep", "d", "m", "t", n), $"/t/{n}", state, null, null, new RunRecord { RunId = ThisRun, Status = RunStatus.Complete });
        var output = new StringWriter();
        var before = Console.Out;
        Console.SetOut(output);
        try { SummaryPrinter.Print(new RunSummary([Row(0, TrialState.Complete), Row(1, TrialState.Diverged)], 0) { RunId = ThisRun, Selected = 2 }); }
        finally { Console.SetOut(before); }
        Assert.Contains("2 trained, 1 of them diverged (last loss NaN or infinite; left out of report and promote), 0 not complete", output.ToString());
    }
}
