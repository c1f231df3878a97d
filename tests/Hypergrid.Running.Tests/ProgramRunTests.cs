using System.Diagnostics;
using Hypergrid.Trials;

using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>Trials trained by programs of their own, as real processes: how they end, fail, stop and continue.</summary>
public class ProgramRunTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";
    private const string Root = "command: python3 train.py\nseed: 0\nepochs: 3\nbatch_size: 32\n";

    private static Study Example(string root = Root, string leaf = "lr: 0.1") =>
        new Study().Copy("examples/stdlib/train.py").Write("", root).Write(Leaf, leaf);

    // A program of a test's own: a header, then rows; 'body' is Python run after the log is open as 'log'.
    private static Study Custom(string body, string extra = "") => new Study()
        .WriteFile("prog.py", "import os, sys, signal, time\nlog = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')\n" + body)
        .Write("", "command: python3 prog.py\nseed: 0\n" + extra).Write(Leaf, "lr: [1, 2]");

    private static string Trial(Study s, int n = 0) => s.Trial(Leaf, n);

    [Fact]
    public void The_program_gets_its_values_in_placeholders_and_the_documented_environment()
    {
        using var study = Custom("""
            import json
            cfg = json.loads(os.environ['HYPERGRID_CONFIG_JSON'])
            log.write('epoch,mode,batch,loss\n1,train,0,' + sys.argv[1] + '\n1,val,0,' + str(cfg['lr']) + '\n')
            names = ['HYPERGRID_TRIAL_DIR', 'HYPERGRID_CONFIG', 'HYPERGRID_BATCH_LOG', 'HYPERGRID_CHECKPOINT_DIR', 'HYPERGRID_RESUME', 'HYPERGRID_SEED', 'HYPERGRID_THREADS', 'HYPERGRID_PROGRAM_INFO']
            print('\n'.join(n + '=' + os.environ[n] for n in names)); print('cwd=' + os.getcwd()); print('args=' + '|'.join(sys.argv[1:]))
            """.Replace("python3 prog.py", ""));
        study.Write("", "command: python3 prog.py {lr} '{{literal}}' x{seed}y\nseed: 7\n");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var trial = Trial(study, 1);
        var said = File.ReadAllText(Path.Combine(trial, TrialFiles.WorkerLog));
        Assert.Contains("args=2|{literal}|x7y", said);
        Assert.Contains($"HYPERGRID_TRIAL_DIR={trial}", said);
        Assert.Contains($"HYPERGRID_CONFIG={Path.Combine(trial, TrialFiles.Config)}", said);
        Assert.Contains("HYPERGRID_RESUME=0", said);
        Assert.Contains("HYPERGRID_SEED=7", said);
        Assert.Contains($"HYPERGRID_CHECKPOINT_DIR={Path.Combine(trial, Attempt.Folder, "001", Attempt.CheckpointFolder)}", said);
        Assert.Contains($"HYPERGRID_PROGRAM_INFO={Path.Combine(trial, Attempt.Folder, "001", Trials.Code.ProgramInfo.File)}", said);
        Assert.Contains($"cwd={study.Root}", said);
        // The value arrives typed: lr 2 is the integer 2 in JSON, and the val row carries it as the program read it.
        Assert.Equal(2.0, RunRecord.TryRead(trial)!.Final["val_loss"]);
    }

    [Fact]
    public void A_program_that_exits_non_zero_fails_its_trial_with_the_code_and_its_last_output_and_the_others_go_on()
    {
        using var study = Custom("""
            log.write('epoch,mode,batch,loss\n1,train,0,0.5\n'); log.flush()
            if sys.argv[1] == '2':
                print('loading data'); print('CUDA out of memory', file=sys.stderr); sys.exit(3)
            log.write('1,val,0,0.4\n')
            """);
        study.Write("", "command: python3 prog.py {lr}\nseed: 0\n");
        var (code, output) = study.Run("sweep");
        Assert.Equal(1, code);
        Assert.True(study.IsComplete(Leaf, 0), output);
        Assert.False(study.IsComplete(Leaf, 1));
        var run = RunRecord.TryRead(Trial(study, 1))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("exited with code 3", run.Error);
        Assert.Contains("CUDA out of memory", run.Error);
        Assert.Contains("loading data", File.ReadAllText(Path.Combine(Trial(study, 1), TrialFiles.WorkerLog)));
        Assert.Contains("failed   sweep/clusters/softmax/sgd/trial_001", study.Run("status", "--trials").Output);
    }

    [Theory]
    [InlineData("log.write('loss,acc\\n0.5,0.9\\n')", "lacks epoch, mode, batch")]
    [InlineData("", "it is empty")]
    [InlineData("log.write('epoch,mode,batch,loss\\n')", "no rows")]
    [InlineData("log.write('epoch,mode,batch,loss\\n1,train,0,0.5\\n1,train,zero,0.4\\n')", "batch is 'zero', not an integer")]
    [InlineData("log.write('epoch,mode,batch,loss\\n1,train,0,0.5,7\\n')", "line 2 has 5 cells, the header 4")]
    public void A_program_that_exits_0_with_a_log_that_is_not_valid_fails_and_says_why(string body, string why)
    {
        using var study = Custom(body + "\nlog.close()\n");
        var (code, _) = study.Run("sweep", "--workers", "1");
        Assert.Equal(1, code);
        var run = RunRecord.TryRead(Trial(study))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(why, run.Error);
        Assert.False(study.IsComplete(Leaf, 0));
    }

    [Fact]
    public void A_torn_last_line_is_cut_and_the_rows_before_it_are_the_result()
    {
        using var study = Custom("log.write('epoch,mode,batch,loss\\n1,train,0,0.5\\n1,val,0,0.25\\n1,val,1,0.')\n");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.Equal(["epoch,mode,batch,loss", "1,train,0,0.5", "1,val,0,0.25"], File.ReadAllLines(Path.Combine(Trial(study), TrialFiles.BatchLog)));
        Assert.Equal(0.25, RunRecord.TryRead(Trial(study))!.Final["val_loss"]);
    }

    [Fact]
    public void A_program_that_prints_a_lot_on_both_streams_neither_blocks_nor_loses_its_output()
    {
        using var study = Custom("""
            for i in range(100000):
                print('out line', i); print('err line', i, file=sys.stderr)
            log.write('epoch,mode,batch,loss\n1,val,0,0.5\n')
            """);
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var lines = File.ReadAllLines(Path.Combine(Trial(study), TrialFiles.WorkerLog));
        Assert.Contains("out line 99999", lines);
        Assert.Contains("err line 99999", lines);
    }

    [Fact]
    public void A_program_that_ignores_SIGTERM_is_killed_after_its_grace_period_and_its_trial_stays_pending()
    {
        using var study = Custom("""
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            log.write('epoch,mode,batch,loss\n'); log.flush()
            for i in range(100000):
                log.write('1,train,%d,0.5\n' % i); log.flush(); time.sleep(0.02)
            """, "stop_grace_seconds: 1\n");
        using var run = study.Start("sweep", "--workers", "1");
        Study.WaitUntilTraining(Trial(study));
        var clock = Stopwatch.StartNew();
        Assert.True(Signal.TermProcess(run.Id));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 15);
        Assert.Contains("did not stop within 1 s of SIGTERM: killed", File.ReadAllText(Path.Combine(Trial(study), TrialFiles.WorkerLog)));
        Assert.Equal(RunStatus.Interrupted, RunRecord.TryRead(Trial(study))!.Status);
        Assert.Empty(Programs(study));
        Assert.Contains("pending  sweep/clusters/softmax/sgd/trial_000", study.Run("status", "--trials").Output);
    }

    [Theory]
    [InlineData("signal.signal(signal.SIGTERM, signal.SIG_IGN)", false)]                    // killed after its grace period
    [InlineData("signal.signal(signal.SIGTERM, lambda *_: sys.exit(75))", false)]            // exits 75 at once, with rows only
    [InlineData("signal.signal(signal.SIGTERM, lambda *_: sys.exit(75)); ckpt()", true)]     // exits 75 with a checkpoint
    public async Task A_program_stopped_by_ctrl_c_is_said_checkpointed_only_when_its_checkpoint_folder_holds_one(string handler, bool checkpointed)
    {
        using var study = Custom($$"""
            def ckpt(): open(os.path.join(os.environ['HYPERGRID_CHECKPOINT_DIR'], 'state'), 'w').write('1')
            {{handler}}
            log.write('epoch,mode,batch,loss\n'); log.flush()
            for i in range(100000):
                log.write('1,train,%d,0.5\n' % i); log.flush(); time.sleep(0.02)
            """, "stop_grace_seconds: 1\n");
        study.Write(Leaf, "lr: 1");
        using var run = study.Start("sweep", "--workers", "1");
        var output = run.StandardOutput.ReadToEndAsync();
        Study.WaitUntilTraining(Trial(study));
        Assert.True(Signal.Send(run.Id, 2));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        var said = await output;
        if (checkpointed) Assert.Contains("1 trial(s) checkpointed at its own checkpoint (attempt 2)", said);
        else Assert.Contains("1 stopped before its first checkpoint", said);
        Assert.Equal(checkpointed, study.Run("status", "--trials").Output.Contains("resumes at"));
    }

    [Theory]
    [InlineData("signal.signal(signal.SIGTERM, signal.SIG_IGN)")]                              // ignores the stop and finishes within its grace
    [InlineData("signal.signal(signal.SIGTERM, lambda *_: globals().update(stop=True))")]      // notes it, finishes its last epoch, exits 0
    public void A_program_that_exits_0_with_a_complete_log_after_a_stop_request_is_complete(string handler)
    {
        using var study = Custom($$"""
            {{handler}}
            log.write('epoch,mode,batch,loss\n'); log.flush()
            for epoch in (1, 2):
                for i in range(30):
                    log.write('%d,train,%d,0.5\n' % (epoch, i)); log.flush(); time.sleep(0.03)
                log.write('%d,val,0,0.25\n' % epoch); log.flush()
            """, "epochs: 2\nstop_grace_seconds: 10\n");
        study.Write(Leaf, "lr: 1");
        using var run = study.Start("sweep", "--workers", "1");
        Study.WaitUntilTraining(Trial(study), 5);
        Assert.True(Signal.TermProcess(run.Id));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.True(study.IsComplete(Leaf, 0));
        var record = RunRecord.TryRead(Trial(study))!;
        Assert.Equal(RunStatus.Complete, record.Status);
        Assert.Equal(0, record.ExitCode);
        Assert.Equal(0.25, record.Final["val_loss"]);
    }

    [Fact]
    public void A_program_that_exits_0_after_a_stop_request_with_epochs_missing_is_interrupted_not_complete()
    {
        using var study = Custom("""
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            log.write('epoch,mode,batch,loss\n'); log.flush()
            for i in range(100000):
                log.write('1,train,%d,0.5\n' % i); log.flush(); time.sleep(0.02)
            """, "epochs: 2\n");
        study.Write(Leaf, "lr: 1");
        using var run = study.Start("sweep", "--workers", "1");
        Study.WaitUntilTraining(Trial(study));
        Assert.True(Signal.TermProcess(run.Id));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.False(study.IsComplete(Leaf, 0));
        Assert.Equal(RunStatus.Interrupted, RunRecord.TryRead(Trial(study))!.Status);
    }

    [Fact]
    public void A_program_that_exits_75_on_its_own_is_interrupted_and_continued_by_the_next_run_not_the_same_one()
    {
        using var study = Custom("""
            if os.environ['HYPERGRID_RESUME'] == '0':
                log.write('epoch,mode,batch,loss\n1,train,0,0.5\n'); sys.exit(75)
            log.write('1,val,0,0.25\n')
            """);
        var first = study.Run("sweep", "--workers", "1");
        Assert.Equal(RunStatus.Interrupted, RunRecord.TryRead(Trial(study))!.Status);
        Assert.Equal(1, File.ReadAllText(Path.Combine(Trial(study), TrialFiles.WorkerLog)).Split("(attempt").Length - 1);
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, first.Output + output);
        Assert.Equal(["epoch,mode,batch,loss", "1,train,0,0.5", "1,val,0,0.25"], File.ReadAllLines(Path.Combine(Trial(study), TrialFiles.BatchLog)));
    }

    [Fact]
    public void A_continued_trials_time_is_the_sum_of_its_attempts_in_run_json_and_the_end_of_run_table()
    {
        using var study = Custom("""
            if os.environ['HYPERGRID_RESUME'] == '0':
                log.write('epoch,mode,batch,loss\n1,train,0,0.5\n'); log.flush(); time.sleep(0.8); sys.exit(75)
            time.sleep(0.5); log.write('1,val,0,0.25\n')
            """);
        study.Run("sweep", "--workers", "1");
        var first = RunRecord.TryRead(Trial(study))!;
        Assert.Equal(RunStatus.Interrupted, first.Status);
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var run = RunRecord.TryRead(Trial(study))!;
        Assert.Equal(2, run.AttemptSeconds!.Count);
        Assert.Equal(first.Seconds, run.AttemptSeconds[0]);
        Assert.InRange(run.AttemptSeconds[1], 0.5, 30);
        Assert.Equal(Math.Round(run.AttemptSeconds.Sum(), 3), run.Seconds);
        Assert.Single(output.Split('\n'), l => l.Contains("trial_000: complete")); // said once, with its metrics
        // The end-of-run table shows the trial's time, not its last attempt's.
        Assert.Contains($"│ {run.Seconds:F1} ", output.Split('\n').Single(l => l.Contains("trial_000 ")));
    }

    // An uninterrupted run's rows, and a study of the same slow trial killed (as 'kill' does it) past the given rows.
    private static (string[] Expected, Study Study) KilledMidway(int rows, Action<Study> kill)
    {
        const string slow = Root + "delay: 0.04\n";
        using var straight = Example(slow);
        Assert.Equal(0, straight.Run("sweep").Code);
        var expected = BatchLogs.WithoutTime(Path.Combine(straight.Trial(Leaf, 0), TrialFiles.BatchLog));
        var study = Example(slow);
        using var run = study.Start("sweep", "--workers", "1");
        Study.WaitUntilTraining(Trial(study), rows);
        kill(study);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        return (expected, study);
    }

    [Fact]
    public void A_program_dies_with_its_worker_killed_by_signal_9_and_the_next_run_continues_from_its_checkpoint_exactly()
    {
        var (expected, study) = KilledMidway(30, s =>
        {
            Assert.NotEmpty(Programs(s));
            Process.GetProcessById(Claim.TryRead(Trial(s))!.Pid).Kill();
        });
        using var _ = study;
        WaitFor(() => Programs(study).Count == 0, "the program outlived its worker");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.Contains("continue", File.ReadAllText(Path.Combine(Trial(study), TrialFiles.WorkerLog)));
        Assert.Equal(expected, BatchLogs.WithoutTime(Path.Combine(Trial(study), TrialFiles.BatchLog)));
    }

    [Fact]
    public void A_program_killed_alone_fails_its_trial_and_the_next_run_continues_from_its_checkpoint_exactly()
    {
        // The program itself (python3), not the namespace's unshare or init, whose command lines name it too: killing one
        // of those first took the rest with it, and the next kill found its process gone.
        var (expected, study) = KilledMidway(45, s =>
        {
            var programs = Programs(s).Where(pid => File.ReadAllText($"/proc/{pid}/comm").StartsWith("python")).ToList();
            Assert.NotEmpty(programs);
            foreach (var pid in programs) Process.GetProcessById(pid).Kill();
        });
        using var _ = study;
        var failed = RunRecord.TryRead(Trial(study))!;
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("killed by signal 9", failed.Error);
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.Contains("(attempt 2)", File.ReadAllText(Path.Combine(Trial(study), TrialFiles.WorkerLog)));
        Assert.Equal(expected, BatchLogs.WithoutTime(Path.Combine(Trial(study), TrialFiles.BatchLog)));
    }

    [Fact]
    public void A_command_whose_program_does_not_exist_fails_with_a_message_naming_it()
    {
        using var study = new Study().Write("", "command: ./no-such-train.py\nseed: 0\n").Write(Leaf, "lr: 1");
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.Equal(1, code);
        Assert.Contains("'./no-such-train.py', which is not a file", RunRecord.TryRead(Trial(study))!.Error);
    }

    [Fact]
    public void Trials_written_by_hand_without_run_json_are_complete_in_status_and_report()
    {
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\n").Write(Leaf, "lr: [0.1, 0.2]");
        Assert.Equal(0, study.Run("expand").Code);
        for (var n = 0; n < 2; n++)
            File.WriteAllText(Path.Combine(Trial(study, n), TrialFiles.BatchLog), $"mode,epoch,batch,loss,val_top5\ntrain,1,0,0.9,\nval,1,0,0.5,{(n == 0 ? "0.5" : "0.75")}\n");
        var status = study.Run("status", "--trials");
        Assert.Contains("complete sweep/clusters/softmax/sgd/trial_001", status.Output);
        var report = study.Run("report", "--metric", "val_val_top5", "--goal", "max", "--format", "csv");
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains("lr=0.2,trial_001,0,1,0.75", report.Output);
        Assert.Contains("sweep/clusters/softmax/sgd", report.Output);
    }

    private static List<int> Programs(Study study) => study.Processes();

    internal static void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException(what);
            Thread.Sleep(50);
        }
    }
}
