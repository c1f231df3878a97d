using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A program that writes, deletes or links Hypergrid's own files in its trial and attempt folders: the run ends in a
/// clear state with a message, and nothing outside out/log is read, written or truncated.
/// </summary>
public class ProgramFilesTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    // 'body' runs with os, sys, time imported, 'trial' the trial folder and 'path' the batch log.
    private static Study Program(string body) => new Study()
        .WriteFile("prog.py", "import os, sys, time\ntrial = os.environ['HYPERGRID_TRIAL_DIR']\npath = os.environ['HYPERGRID_BATCH_LOG']\n" + body)
        .Write("", "command: python3 prog.py\nseed: 0\nstop_grace_seconds: 2\n").Write(Leaf, "lr: 1");

    private static string Outside(Study study) => Path.Combine(study.Root, "outside.txt");

    private static readonly Dictionary<string, string> ShortClaims = new() { ["HYPERGRID_CLAIM_TIMEOUT_SECONDS"] = "3" };

    // The run, given at most 60 s: a run that loops for ever fails here instead of hanging the suite.
    private static (int Code, string Output) RunBounded(Study study)
    {
        using var run = study.StartWith(ShortClaims, "sweep", "--workers", "1");
        var output = run.StandardOutput.ReadToEndAsync();
        var errors = run.StandardError.ReadToEndAsync();
        if (!run.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            run.Kill(entireProcessTree: true);
            Assert.Fail("the run did not end: " + output.Result[^Math.Min(2000, output.Result.Length)..]);
        }
        return (run.ExitCode, output.Result + errors.Result);
    }

    [Fact]
    public void A_program_that_deletes_its_claim_fails_its_trial_with_a_message_and_the_run_ends()
    {
        using var study = Program("""
            os.remove(os.path.join(trial, 'claim.json'))
            open(path, 'a').write('epoch,mode,batch,loss\n1,train,0,0.5\n')
            time.sleep(30)
            """);
        var (code, output) = RunBounded(study);
        Assert.Equal(1, code);
        var run = RunRecord.TryRead(study.Trial(Leaf, 0))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("claim.json was deleted while the trial trained", run.Error);
        Assert.Contains("failed   " + Leaf + "/trial_000", study.Run("status", "--trials").Output);
        Assert.Single(File.ReadAllLines(Path.Combine(study.Trial(Leaf, 0), TrialFiles.WorkerLog)), l => l.Contains(" start "));
    }

    [Fact]
    public void A_program_that_rewrites_its_claim_is_stopped_once_and_the_run_ends_saying_so()
    {
        using var study = Program("""
            open(os.path.join(trial, 'claim.json'), 'w').write('{"Host": "elsewhere", "Pid": 1, "Epoch": 7}')
            open(path, 'a').write('epoch,mode,batch,loss\n1,train,0,0.5\n')
            time.sleep(30)
            """);
        var (_, output) = RunBounded(study);
        Assert.Contains("claim.json was rewritten (by the program?)", output);
        Assert.False(study.IsComplete(Leaf, 0));
        Assert.Single(File.ReadAllLines(Path.Combine(study.Trial(Leaf, 0), TrialFiles.WorkerLog)), l => l.Contains(" start "));
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.")] // a torn last line: the old commit cut it, through the link
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.25\n")] // a whole log: it became the result, a link out of out/log
    public void A_batch_log_replaced_by_a_link_fails_the_trial_and_the_file_it_points_to_is_untouched(string outside)
    {
        using var study = Program("""
            os.remove(path) if os.path.exists(path) else None
            os.symlink(os.path.join(os.getcwd(), 'outside.txt'), path)
            """);
        File.WriteAllText(Outside(study), outside);
        var (code, output) = RunBounded(study);
        Assert.Equal(1, code);
        Assert.Equal(outside, File.ReadAllText(Outside(study)));
        Assert.False(study.IsComplete(Leaf, 0), output);
        Assert.False(File.Exists(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog)) || new FileInfo(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog)).LinkTarget is not null);
        Assert.Contains("replaced its batch log", RunRecord.TryRead(study.Trial(Leaf, 0))!.Error);
    }

    [Theory]
    [InlineData(true)]  // a link to a file that exists: the old worker appended to it
    [InlineData(false)] // a dangling link: the old worker created the file it names
    public void A_worker_log_replaced_by_a_link_is_removed_and_no_line_goes_outside(bool exists)
    {
        using var study = Program("""
            if os.environ['HYPERGRID_RESUME'] == '0':
                open(path, 'a').write('epoch,mode,batch,loss\n1,train,0,0.5\n')
                os.remove(os.path.join(trial, 'worker.log'))
                os.symlink(os.path.join(os.getcwd(), 'outside.txt'), os.path.join(trial, 'worker.log'))
                sys.exit(75)
            open(path, 'a').write('1,val,0,0.25\n')
            """);
        if (exists) File.WriteAllText(Outside(study), "precious\n");
        Assert.Contains("exited 75", RunBounded(study).Output);
        var (code, output) = RunBounded(study);
        Assert.True(code == 0, output);
        Assert.Equal(exists ? "precious\n" : null, File.Exists(Outside(study)) ? File.ReadAllText(Outside(study)) : null);
        var log = Path.Combine(study.Trial(Leaf, 0), TrialFiles.WorkerLog);
        Assert.Null(new FileInfo(log).LinkTarget);
        Assert.Contains("worker.log was a link to", File.ReadAllText(log));
        Assert.True(study.IsComplete(Leaf, 0));
    }

    [Theory]
    [InlineData("open(path, 'a').write(log)\n")] // and its own log too: exit 0 used to end in a raw "file already exists"
    [InlineData("sys.exit(1)\n")]                // and fails: its file made the trial look complete
    public void A_program_that_writes_batch_log_csv_itself_fails_with_a_message_and_its_file_is_moved_aside(string then)
    {
        using var study = Program("log = 'epoch,mode,batch,loss\\n1,train,0,0.5\\n1,val,0,0.25\\n'\nopen(os.path.join(trial, 'batch_log.csv'), 'w').write(log)\n" + then);
        var (code, output) = RunBounded(study);
        Assert.Equal(1, code);
        Assert.False(study.IsComplete(Leaf, 0), output);
        var run = RunRecord.TryRead(study.Trial(Leaf, 0))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("the program wrote batch_log.csv in its trial folder itself", run.Error);
        Assert.DoesNotContain("already exists", output);
        var previous = Assert.Single(Directory.GetDirectories(Path.Combine(study.Trial(Leaf, 0), TrialFiles.Previous)));
        Assert.True(File.Exists(Path.Combine(previous, TrialFiles.BatchLog)));
    }
}
