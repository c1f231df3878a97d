using System.Text;
using Hypergrid.Trials.Lifecycle;

namespace Hypergrid.Trials.Tests.Lifecycle;

/// <summary>
/// The one owner of an attempt's life, on a real trial folder: what each ending writes to run.json, what a commit leaves
/// (and drops), and that a worker whose claim was lost writes nothing.
/// </summary>
public sealed class TrialAttemptTests : IDisposable
{
    private readonly string trial = Directory.CreateTempSubdirectory("hypergrid-life-").FullName;
    private readonly StringWriter log = new();
    private readonly List<string> said = [];
    private bool owned = true;

    public void Dispose() => Directory.Delete(trial, true);

    private const string Log = "epoch,mode,batch,loss,acc\n1,train,0,0.9,\n1,val,0,0.5,0.8\n";

    private TrialAttempt Life() => new(trial, "run-1", 2, new() { ["hypergrid"] = "test" }, log, () => owned, said.Add);

    private string File(string name) => Path.Combine(trial, name);

    [Fact]
    public void A_commit_writes_the_result_run_json_and_epoch_log_keeps_what_it_is_told_and_drops_the_attempts_and_an_old_failure()
    {
        var life = Life();
        var attempt = Attempt.Begin(trial, carry: true, out _);
        System.IO.File.WriteAllText(File(TrialFiles.FailedLog), "old");
        var weights = Path.Combine(attempt.Directory, "w.bin");
        System.IO.File.WriteAllText(weights, "w");
        var bytes = Encoding.UTF8.GetBytes(Log + "2,tra"); // a torn last line is not part of the result
        var record = life.Complete(attempt, bytes, Log.Length, r => r with { WeightsSha256 = "abc" }, [(weights, TrialFiles.Weights)],
            () => System.IO.File.WriteAllText(File("kept"), "k"));

        Assert.Equal(RunStatus.Complete, record.Status);
        Assert.Equal((RunStatus.Complete, "abc", 0.5), (RunRecord.TryRead(trial)!.Status, RunRecord.TryRead(trial)!.WeightsSha256, RunRecord.TryRead(trial)!.Final["val_loss"]));
        Assert.Equal(Log, System.IO.File.ReadAllText(File(TrialFiles.BatchLog)));
        Assert.True(System.IO.File.Exists(File(TrialFiles.EpochLog)));
        Assert.True(System.IO.File.Exists(File(TrialFiles.Weights)));
        Assert.True(System.IO.File.Exists(File("kept")));
        Assert.False(Directory.Exists(Path.Combine(trial, Attempt.Folder)));
        Assert.False(System.IO.File.Exists(File(TrialFiles.FailedLog)));
        Assert.Contains(said, l => l.StartsWith("complete in ", StringComparison.Ordinal) && l.Contains("val_loss 0.5000"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_claim_lost_before_or_during_the_commit_leaves_no_result(int ownedChecks)
    {
        var life = new TrialAttempt(trial, "run-1", 2, [], log, () => ownedChecks-- > 0, said.Add);
        var attempt = Attempt.Begin(trial, carry: true, out _);
        var record = life.Complete(attempt, Encoding.UTF8.GetBytes(Log), Log.Length);
        Assert.Equal(RunStatus.Lost, record.Status);
        Assert.False(System.IO.File.Exists(File(TrialFiles.BatchLog)));
        Assert.NotEqual(RunStatus.Complete, RunRecord.TryRead(trial)?.Status);
        Assert.True(Directory.Exists(attempt.Directory), "the attempt's files stay for whoever holds the claim");
        Assert.Contains("claim lost to another worker", log.ToString());
    }

    [Fact]
    public void A_pause_an_interruption_and_a_failure_each_write_their_state_and_why()
    {
        var life = Life();
        Assert.Equal((RunStatus.Paused, 3, 9), (life.Pause(3, 9).Status, RunRecord.TryRead(trial)!.PausedAt!.Value, RunRecord.TryRead(trial)!.Epochs!.Value));
        Assert.Contains(said, l => l.Contains("paused at epoch 3 of 9"));
        life = Life();
        life.Interrupt("interrupted: exited 75", "said", yielded: true);
        Assert.Equal((RunStatus.Interrupted, true, "interrupted: exited 75"), (RunRecord.TryRead(trial)!.Status, RunRecord.TryRead(trial)!.Yielded, RunRecord.TryRead(trial)!.Error));
        life = Life();
        life.Fail("the program exited with code 3");
        Assert.Equal((RunStatus.Failed, "the program exited with code 3"), (RunRecord.TryRead(trial)!.Status, RunRecord.TryRead(trial)!.Error));
        Assert.Contains("failed: the program exited with code 3", log.ToString());
    }

    [Fact]
    public void A_failure_that_cannot_be_recorded_is_said_and_leaves_no_result()
    {
        var life = new TrialAttempt(Path.Combine(trial, "gone"), "run-1", 2, [], log, () => owned, said.Add);
        Assert.Equal(RunStatus.Failed, life.Fail("disk full").Status);
        Assert.Contains("the failure could not be recorded either", log.ToString());
        Assert.False(System.IO.File.Exists(File(TrialFiles.BatchLog)));
    }

    [Fact]
    public void Each_attempts_seconds_add_up_in_run_json()
    {
        var life = Life();
        life.Write(r => r with { AttemptSeconds = [1.5] });
        var record = life.Interrupt("interrupted", "interrupted");
        Assert.Equal(2, record.AttemptSeconds!.Count);
        Assert.Equal(1.5, record.AttemptSeconds[0]);
        Assert.Equal(record.AttemptSeconds.Sum(), record.Seconds!.Value, 3);
    }

    [Theory]
    [InlineData("keep")]
    [InlineData("failed.log")]
    public void A_cleanup_that_fails_after_the_result_is_written_leaves_the_trial_complete_and_says_so(string what)
    {
        var life = Life();
        var attempt = Attempt.Begin(trial, carry: true, out _);
        Action? keep = null;
        if (what == "keep") keep = () => throw new IOException("disk full while keeping the checkpoint");
        else Directory.CreateDirectory(File(TrialFiles.FailedLog)); // a folder where the old failure's file was: deleting it throws

        var record = life.Complete(attempt, Encoding.UTF8.GetBytes(Log), Log.Length, keep: keep);

        Assert.Equal(RunStatus.Complete, record.Status);
        Assert.Equal(RunStatus.Complete, RunRecord.TryRead(trial)!.Status);
        Assert.Equal(Log, System.IO.File.ReadAllText(File(TrialFiles.BatchLog)));
        Assert.Contains("after the result was written", log.ToString());
    }
}
