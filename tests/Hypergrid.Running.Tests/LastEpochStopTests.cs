using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A program stopped during its last epoch that exits 0 is not complete because its log reached the last epoch's
/// number: the epoch must be closed (as many rows of each phase as the epoch before). Real python3 programs.
/// </summary>
public class LastEpochStopTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    [Theory]
    // Stopped after 5 of epoch 2's 30 train rows.
    [InlineData("for i in range(5): row(2, 'train', i)", 35, "epoch 2 has 5 train rows of the 30 epoch 1 had")]
    // Stopped after all of epoch 2's train rows, before its val row.
    [InlineData("for i in range(30): row(2, 'train', i)", 60, "epoch 2 has no val rows (epoch 1 had 1)")]
    public void A_program_stopped_in_its_last_epoch_that_exits_0_is_interrupted_and_says_which_epoch_is_not_closed(string lastEpoch, int rows, string why)
    {
        using var study = new Study().WriteFile("prog.py", $$"""
            import os, sys, signal, time
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
            def row(epoch, phase, i):
                log.write('%d,%s,%d,0.5\n' % (epoch, phase, i)); log.flush()
            log.write('epoch,mode,batch,loss\n')
            for i in range(30): row(1, 'train', i)
            row(1, 'val', 0)
            {{lastEpoch}}
            time.sleep(60)
            """).Write("", "command: python3 prog.py\nseed: 0\nepochs: 2\nstop_grace_seconds: 10\n").Write(Leaf, "lr: 1");
        using var run = study.Start("sweep", "--workers", "1");
        var trial = study.Trial(Leaf, 0);
        Study.WaitUntilTraining(trial, rows);
        Assert.True(Signal.TermProcess(run.Id));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.False(study.IsComplete(Leaf, 0));
        var record = RunRecord.TryRead(trial)!;
        Assert.Equal(RunStatus.Interrupted, record.Status);
        Assert.Equal(0, record.ExitCode);
        Assert.Contains(why, record.Error);
    }
}
