using Hypergrid.Trials;

namespace Hypergrid.Config.Tests.Trials;

public class TrialStatusTests : IDisposable
{
    private const string Config = "# header\nseed: 0\nlr: 0.1\n";
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-state-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private void Touch(string name, string text = "") => File.WriteAllText(Path.Combine(dir, name), text);

    [Fact]
    public void A_folder_with_only_its_config_is_pending() =>
        Assert.Equal(TrialState.Pending, TrialStatus.Read(dir, Config).State);

    [Fact]
    public void A_batch_log_means_complete()
    {
        Touch(TrialFiles.BatchLog);
        new RunRecord { Status = "complete", CfgSha256 = TrialFiles.ConfigHash(Config) }.Write(dir);
        Assert.Equal(TrialState.Complete, TrialStatus.Read(dir, Config).State);
    }

    [Fact]
    public void A_changed_config_after_completion_is_stale_but_a_changed_header_is_not()
    {
        Touch(TrialFiles.BatchLog);
        new RunRecord { Status = "complete", CfgSha256 = TrialFiles.ConfigHash(Config) }.Write(dir);
        Assert.Equal(TrialState.Complete, TrialStatus.Read(dir, "# other header\nseed: 0\nlr: 0.1\n").State);
        Assert.Equal(TrialState.Stale, TrialStatus.Read(dir, Config.Replace("0.1", "0.2")).State);
    }

    [Fact]
    public void A_live_claim_means_running()
    {
        Touch(TrialFiles.Claim, $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        Touch(TrialFiles.PartialLog);
        Assert.Equal(TrialState.Running, TrialStatus.Read(dir, Config).State);
    }

    [Fact]
    public void A_claim_whose_process_is_gone_is_not_running_and_a_partial_log_is_never_complete()
    {
        Touch(TrialFiles.Claim, $"{{\"host\":\"{Environment.MachineName}\",\"pid\":999999999}}");
        Touch(TrialFiles.PartialLog, "epoch,mode\n0,train\n");
        var status = TrialStatus.Read(dir, Config);
        Assert.Equal(TrialState.Pending, status.State);
        Assert.Contains("dead", status.Note);
    }

    [Fact]
    public void A_claim_with_an_old_heartbeat_on_another_host_is_dead()
    {
        Touch(TrialFiles.Claim, "{\"host\":\"elsewhere\",\"pid\":1}");
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.Claim), DateTime.UtcNow - Claim.Timeout - TimeSpan.FromSeconds(5));
        Assert.NotEqual(TrialState.Running, TrialStatus.Read(dir, Config).State);
    }

    [Fact]
    public void The_heartbeat_written_in_the_claim_counts_even_when_the_file_time_is_old()
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        Touch(TrialFiles.Claim, $"{{\"host\":\"elsewhere\",\"pid\":1,\"heartbeat\":\"{now}\"}}");
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.Claim), DateTime.UtcNow - Claim.Timeout - TimeSpan.FromSeconds(5));
        Assert.Equal(TrialState.Running, TrialStatus.Read(dir, Config).State);
    }

    [Fact]
    public void A_failed_run_record_without_a_batch_log_is_failed_with_its_message()
    {
        new RunRecord { Status = "failed", Error = "boom" }.Write(dir);
        var status = TrialStatus.Read(dir, Config);
        Assert.Equal(TrialState.Failed, status.State);
        Assert.Equal("boom", status.Note);
    }
}
