using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// No process a program starts outlives its attempt, however it detaches (a wrapper without exec, setsid and a double
/// fork, SIGTERM ignored), and nothing it writes later reaches a finished result: real programs, real signals.
/// </summary>
public class ContainmentTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    // A program whose grandchild leaves its session (setsid, double fork), ignores SIGTERM and, after its parent has
    // exited, appends rows of epoch 9 to the log through the descriptor it inherited; 'daemon' also closes its output.
    private const string Detaching = """
        import os, sys, signal, time
        log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
        log.write('epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.25\n'); log.flush()
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                if sys.argv[1] == 'daemon':
                    os.close(0); os.close(1); os.close(2)
                time.sleep(0.5)
                for i in range(100):
                    log.write('9,train,%d,0.1\n' % i); log.flush(); time.sleep(0.1)
            os._exit(0)
        os.wait()
        """;

    // Rows for ever, slowly; with 'detach' it first leaves a grandchild in a session of its own, ignoring SIGTERM.
    private const string Endless = """
        import os, sys, signal, time
        if len(sys.argv) > 1 and sys.argv[1] == 'detach' and os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)
            os._exit(0)
        log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
        log.write('epoch,mode,batch,loss\n'); log.flush()
        for i in range(100000):
            log.write('1,train,%d,0.5\n' % i); log.flush(); time.sleep(0.05)
        """;

    private static Study Program(string body, string command) => new Study()
        .WriteFile("prog.py", body).WriteFile("run.sh", "python3 prog.py $1\necho wrapper done\n")
        .Write("", $"command: {command}\nseed: 0\nstop_grace_seconds: 20\n").Write(Leaf, "how: [pipe]");

    [Theory]
    [InlineData("pipe")]   // the grandchild holds the program's output pipe
    [InlineData("daemon")] // it closed it: nothing delays the end, so only containment keeps it from the result
    public void A_process_the_program_detached_dies_with_it_and_writes_nothing_into_the_result(string how)
    {
        using var study = Program(Detaching, "python3 prog.py " + how);
        try
        {
            var (code, output) = study.Run("sweep", "--workers", "1");
            Assert.True(code == 0, output);
            var trial = study.Trial(Leaf, 0);
            Assert.Empty(study.Processes());
            Thread.Sleep(1000); // time for a survivor to write
            Assert.Equal(["epoch,mode,batch,loss", "1,train,0,0.5", "1,val,0,0.25"], File.ReadAllLines(Path.Combine(trial, TrialFiles.BatchLog)));
            // The trial ended when its program did, not when a grandchild let go of the output pipe.
            Assert.InRange(RunRecord.TryRead(trial)!.Seconds!.Value, 0, 3);
        }
        finally { KillAll(study); }
    }

    [Fact]
    public void Without_a_namespace_a_survivor_writes_only_into_a_file_nobody_reads_and_the_run_says_so_once()
    {
        using var study = Program(Detaching, "python3 prog.py daemon");
        try
        {
            var (code, output) = study.RunWith(new Dictionary<string, string> { ["HYPERGRID_CONTAINMENT"] = "group" }, "sweep", "--workers", "1");
            Assert.True(code == 0, output);
            Assert.Equal(1, output.Split("programs run without a PID namespace here").Length - 1);
            // The attempt's own record says it too: on a cluster the node that ran it, not the run's host, decides.
            Assert.Contains("programs run without a PID namespace here", File.ReadAllText(Path.Combine(study.Trial(Leaf, 0), TrialFiles.WorkerLog)));
            Assert.NotEmpty(study.Processes()); // the fallback cannot catch it: said, not hidden
            Thread.Sleep(1000);
            Assert.Equal(3, File.ReadAllLines(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog)).Length);
        }
        finally { KillAll(study); }
    }

    [Theory]
    [InlineData("bash run.sh", "")]           // a wrapper script that does not exec its program
    [InlineData("python3 prog.py", "detach")] // a grandchild in a session of its own that ignores SIGTERM
    public void Every_process_a_program_started_dies_with_its_worker_killed_by_signal_9(string command, string argument)
    {
        using var study = Program(Endless, $"{command} {argument}");
        try
        {
            using var run = study.Start("sweep", "--workers", "1");
            Study.WaitUntilTraining(study.Trial(Leaf, 0));
            Assert.NotEmpty(study.Processes());
            Process.GetProcessById(Claim.TryRead(study.Trial(Leaf, 0))!.Pid).Kill();
            ProgramRunTests.WaitFor(() => study.Processes().Count == 0, "a process the program started outlived its worker");
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        }
        finally { KillAll(study); }
    }

    [Fact]
    public void A_second_ctrl_c_leaves_no_process_a_program_started()
    {
        using var study = Program(Endless, "bash run.sh detach");
        try
        {
            var info = new ProcessStartInfo("setsid") { WorkingDirectory = study.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--workers", "1" }) info.ArgumentList.Add(a);
            using var run = Process.Start(info)!;
            _ = run.StandardOutput.ReadToEndAsync();
            _ = run.StandardError.ReadToEndAsync();
            Study.WaitUntilTraining(study.Trial(Leaf, 0));
            Assert.True(study.Processes().Count >= 2);
            Assert.True(Signal.Send(-run.Id, 2));
            Thread.Sleep(50);
            Assert.True(Signal.Send(-run.Id, 2));
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(20)));
            ProgramRunTests.WaitFor(() => study.Processes().Count == 0, "a process the program started outlived the second Ctrl-C");
        }
        finally { KillAll(study); }
    }

    private static void KillAll(Study study)
    {
        foreach (var pid in study.Processes()) Signal.Send(pid, Signal.Kill);
    }
}
