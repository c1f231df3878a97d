namespace Hypergrid.Trials.Tests;

/// <summary>A trial's time is the sum of the attempts its result took.</summary>
public class RunRecordTests
{
    [Fact]
    public void An_attempt_that_ends_is_appended_and_the_trials_time_is_the_sum()
    {
        var continued = new RunRecord { AttemptSeconds = RunRecord.EarlierAttempts(new RunRecord { Status = RunStatus.Interrupted, AttemptSeconds = [32.5, 4] }) };
        var done = continued.Finished(RunStatus.Complete, 4.5);
        Assert.Equal([32.5, 4, 4.5], done.AttemptSeconds);
        Assert.Equal(41, done.Seconds);
        Assert.Equal(RunStatus.Complete, done.Status);
        Assert.Equal([2.25], new RunRecord().Finished(RunStatus.Failed, 2.25).AttemptSeconds);
    }

    [Theory]
    [InlineData(RunStatus.Interrupted, 12.0, new double[] { 12 })]
    [InlineData(RunStatus.Paused, 3.0, new double[] { 3 })]
    [InlineData(RunStatus.Failed, 7.5, new double[] { 7.5 })]
    [InlineData(RunStatus.Complete, 9.0, new double[0])]
    [InlineData(RunStatus.Running, null, new double[0])]
    public void A_record_from_before_attempts_were_kept_carries_its_seconds_unless_complete_or_still_running(RunStatus status, double? seconds, double[] carried)
    {
        Assert.Equal(carried, RunRecord.EarlierAttempts(new RunRecord { Status = status, Seconds = seconds }));
    }

    [Fact]
    public void A_complete_result_or_none_carries_nothing_and_a_killed_attempt_keeps_the_attempts_before_it()
    {
        Assert.Empty(RunRecord.EarlierAttempts(null));
        Assert.Empty(RunRecord.EarlierAttempts(new RunRecord { Status = RunStatus.Complete, AttemptSeconds = [1, 2], Seconds = 3 }));
        // A worker killed by signal 9 left 'running' with the attempts it continued: their time still counts.
        Assert.Equal([5.0], RunRecord.EarlierAttempts(new RunRecord { Status = RunStatus.Running, AttemptSeconds = [5] }));
    }

    [Fact]
    public void Attempt_seconds_round_trip_through_run_json()
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-run-").FullName;
        try
        {
            new RunRecord().Finished(RunStatus.Interrupted, 1.5).Finished(RunStatus.Complete, 2).Write(dir);
            Assert.Contains("\"attempt_seconds\"", File.ReadAllText(Path.Combine(dir, TrialFiles.Run)));
            var read = RunRecord.TryRead(dir)!;
            Assert.Equal([1.5, 2], read.AttemptSeconds);
            Assert.Equal(3.5, read.Seconds);
        }
        finally { Directory.Delete(dir, true); }
    }
}
