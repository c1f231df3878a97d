using System.Text.Json;
using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A real program whose better trial ends in NaN or inf: it is diverged in status, left out of report (and counted),
/// never promoted; its earlier, better epochs never stand in for its last one.
/// </summary>
public class DivergedProgramTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    // lr 1 has the best val loss and acc for two epochs, then its third epoch's are 'cell' (as Python prints them); lr 2 is steady.
    private static Study Diverging(string cell) => new Study().WriteFile("prog.py", """
        import os, sys
        lr = float(sys.argv[1])
        with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log:
            log.write('epoch,mode,batch,loss,acc\n')
            for e in (1, 2, 3):
                bad = lr == 1 and e == 3
                loss = float('CELL') if bad else (0.01 if lr == 1 else 0.5)
                acc = float('CELL') if bad else (0.99 if lr == 1 else 0.6)
                log.write(f'{e},train,0,{loss},{acc}\n{e},val,0,{loss},{acc}\n')
        """.Replace("CELL", cell)).Write("", "command: python3 prog.py {lr}\nseed: 0\n").Write(Leaf, "lr: [1, 2]");

    [Theory]
    [InlineData("nan", "final")]
    [InlineData("-inf", "best")]
    public void A_program_whose_last_val_loss_is_not_finite_is_diverged_in_status_report_and_promote(string cell, string reduce)
    {
        using var study = Diverging(cell);
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        var status = study.Run("status", "--trials").Output;
        Assert.Contains($"diverged {Leaf}/trial_000", status);
        Assert.Contains($"complete {Leaf}/trial_001", status);

        foreach (var metric in new[] { "val_loss", "val_acc" })
        {
            var (reportCode, json) = study.Run("report", "--metric", metric, "--reduce", reduce, "--format", "json");
            Assert.True(reportCode == 0, json);
            var report = JsonDocument.Parse(json).RootElement;
            var group = Assert.Single(report.GetProperty("sections")[0].GetProperty("groups").EnumerateArray());
            Assert.Equal("trial_001", group.GetProperty("trials")[0].GetString());
            Assert.Equal(1, report.GetProperty("excluded").GetProperty("diverged").GetInt32());
        }

        var (promoteCode, promoted) = study.Run("promote", Leaf, "--metric", "val_loss", "--reduce", reduce, "--dry-run");
        Assert.True(promoteCode == 0, promoted);
        Assert.Contains("lr: 2", promoted);
        var (byHand, refused) = study.Run("promote", Leaf + "/trial_000", "--dry-run");
        Assert.Equal(2, byHand);
        Assert.Contains("diverged", refused);
    }
}
