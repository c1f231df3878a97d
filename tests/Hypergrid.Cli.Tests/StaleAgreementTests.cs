using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>status and report call the same results stale after a cfg/ edit, expanded or not.</summary>
public class StaleAgreementTests
{
    private static Study Trained()
    {
        var study = new Study().WriteFile("probe.py", DeclaredParamsRunTests.Program)
            .Write("", "command: /usr/bin/python3 probe.py --lr {lr}\nseed: 0\nparams: {lr: float, gamma: {type: float, default: 0.7}, extra: {type: int, default: 0}}\n")
            .Write("sweep/toy/net/a", "lr: [0.5, 1]").Write("sweep/toy/net/b", "lr: [0.5, 1]");
        var run = study.Run("sweep");
        Assert.True(run.Code == 0, run.Output);
        return study;
    }

    private static int Stale(string statusOutput) => statusOutput.Split('\n').Count(l => l.StartsWith("stale ", StringComparison.Ordinal));

    [Fact]
    public void A_cfg_edit_not_yet_expanded_makes_the_same_results_stale_in_status_and_report()
    {
        using var study = Trained();
        study.Write("sweep/toy/net/b", "lr: [0.5, 1]\nextra: 3"); // no 'expand': out/log's cfg.yaml files still say extra: 0
        var status = study.Run("status", "--trials");
        Assert.True(status.Code == 0, status.Output);
        Assert.Equal(2, Stale(status.Output));
        Assert.Contains("stale    sweep/toy/net/b/trial_000", status.Output);
        var report = study.Run("report", "--metric", "val_loss", "--format", "csv");
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains("sweep/toy/net/a", report.Output);
        Assert.DoesNotContain("sweep/toy/net/b", report.Output);
        var table = study.Run("report", "--metric", "val_loss");
        Assert.Contains("left out: 2 stale (their config changed since they ran", table.Output);
    }

    [Fact]
    public void A_declared_default_written_out_makes_nothing_stale_in_either()
    {
        using var study = Trained();
        study.Write("sweep/toy/net/b", "lr: [0.5, 1]\ngamma: 0.7\nextra: 0");
        var status = study.Run("status", "--trials");
        Assert.True(status.Code == 0, status.Output);
        Assert.Equal(0, Stale(status.Output));
        var table = study.Run("report", "--metric", "val_loss");
        Assert.True(table.Code == 0, table.Output);
        Assert.DoesNotContain("stale", table.Output);
    }
}
