namespace Hypergrid.Trials.Tests;

// With ClaimHandleTests, which shorten Claim.Timeout for a moment: never at the same time.
[Collection("Claim.Timeout")]
public class TrialRecordTests : IDisposable
{
    private const string Params = "params-now";
    private static readonly TrialId Id = new("sweep", "synthetic", "mlp", "adam", 0);
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-state-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private void Touch(string name, string text = "") => File.WriteAllText(Path.Combine(dir, name), text);

    private TrialRecord Read(string? paramsSha256 = Params) => TrialRecord.Read(dir, Id, paramsSha256);

    private void Complete(string? ranWith = Params)
    {
        Touch(TrialFiles.BatchLog, "epoch,mode,batch,time,loss\n1,train,0,0.1,2.3\n");
        new RunRecord { Status = RunStatus.Complete, ParamsSha256 = ranWith }.Write(dir);
    }

    [Fact]
    public void A_folder_with_only_its_config_is_pending() => Assert.Equal(TrialState.Pending, Read().State);

    [Fact]
    public void A_batch_log_with_rows_and_a_complete_run_record_means_complete()
    {
        Complete();
        Assert.Equal(TrialState.Complete, Read().State);
    }

    [Fact]
    public void A_result_that_ran_with_other_hyperparameters_is_stale()
    {
        Complete(ranWith: "params-then");
        var record = Read();
        Assert.Equal(TrialState.Stale, record.State);
        Assert.Contains("--rerun-stale", record.Note);
    }

    [Fact]
    public void A_result_from_before_run_json_kept_its_hyperparameters_is_not_called_stale()
    {
        Complete(ranWith: null);
        Assert.Equal(TrialState.Complete, Read().State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage\x01\x02")]
    [InlineData("epoch,mode,batch,time,loss\n")]
    public void An_empty_garbage_or_rowless_batch_log_is_damaged_not_complete(string content)
    {
        Complete();
        Touch(TrialFiles.BatchLog, content);
        var record = Read();
        Assert.Equal(TrialState.Damaged, record.State);
        Assert.Contains("--rerun-damaged", record.Error);
    }

    [Fact]
    public void A_batch_log_beside_a_failed_run_record_is_damaged()
    {
        Complete();
        new RunRecord { Status = RunStatus.Failed, Error = "boom" }.Write(dir);
        Assert.Equal(TrialState.Damaged, Read().State);
    }

    [Fact]
    public void A_live_claim_means_running()
    {
        Touch(TrialFiles.Claim, $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        Touch(TrialFiles.PartialLog);
        Assert.Equal(TrialState.Running, Read().State);
    }

    [Fact]
    public void A_claim_whose_process_is_gone_is_not_running_and_a_partial_log_is_never_complete()
    {
        Touch(TrialFiles.Claim, $"{{\"host\":\"{Environment.MachineName}\",\"pid\":999999999}}");
        Touch(TrialFiles.PartialLog, "epoch,mode\n0,train\n");
        var record = Read();
        Assert.Equal(TrialState.Pending, record.State);
        Assert.Contains("dead", record.Note);
    }

    [Fact]
    public void A_claim_with_an_old_heartbeat_on_another_host_is_dead()
    {
        Touch(TrialFiles.Claim, "{\"host\":\"elsewhere\",\"pid\":1}");
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.Claim), DateTime.UtcNow - Claim.Timeout - TimeSpan.FromSeconds(5));
        Assert.NotEqual(TrialState.Running, Read().State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3600)]
    public void The_heartbeat_time_written_in_a_claim_is_the_holders_clock_and_never_keeps_a_claim_alive(int aheadSeconds)
    {
        // A holder whose clock is an hour ahead writes heartbeats an hour in the future: only the file's time counts.
        var written = DateTimeOffset.UtcNow.AddSeconds(aheadSeconds).ToString("O");
        Touch(TrialFiles.Claim, $"{{\"host\":\"elsewhere\",\"pid\":1,\"heartbeat\":\"{written}\"}}");
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.Claim), DateTime.UtcNow - Claim.Timeout - TimeSpan.FromSeconds(5));
        Assert.NotEqual(TrialState.Running, Read().State);
    }

    [Fact]
    public void A_failed_run_record_without_a_batch_log_is_failed_with_its_message()
    {
        new RunRecord { Status = RunStatus.Failed, Error = "boom" }.Write(dir);
        var record = Read();
        Assert.Equal(TrialState.Failed, record.State);
        Assert.Equal("boom", record.Error);
    }

    [Fact]
    public void Run_json_keeps_its_status_as_a_lowercase_word_and_reads_back()
    {
        new RunRecord { Status = RunStatus.Interrupted }.Write(dir);
        Assert.Contains("\"status\": \"interrupted\"", File.ReadAllText(Path.Combine(dir, TrialFiles.Run)));
        Assert.Equal(RunStatus.Interrupted, RunRecord.TryRead(dir)!.Status);
    }

    [Theory]
    [InlineData("sweep/mnist/mlp/adam/trial_007", 7)]
    [InlineData("experiment/d/m/t/trial_1234", 1234)]
    public void A_trial_id_parses_and_prints_the_same(string text, int number)
    {
        var id = TrialId.TryParse(text);
        Assert.Equal(number, id?.Number);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("sweep/mnist/mlp/trial_007")]
    [InlineData("sweep/mnist/mlp/adam/trial_7")]
    [InlineData("sweep//mlp/adam/trial_007")]
    public void Anything_else_is_not_a_trial_id(string text) => Assert.Null(TrialId.TryParse(text));
}
