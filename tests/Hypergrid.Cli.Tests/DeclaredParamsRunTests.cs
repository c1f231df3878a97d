using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>A program's values as the sweep ran them, through a real run and promote: a whole float stays a float.</summary>
public class DeclaredParamsRunTests
{
    // Logs one row per epoch; its columns say what it was given: the --lr argument as written, and whether
    // HYPERGRID_CONFIG_JSON's lr is a Python float.
    internal const string Program = """
        import json, os, sys
        cfg = json.loads(os.environ["HYPERGRID_CONFIG_JSON"])
        with open(os.environ["HYPERGRID_BATCH_LOG"], "w") as log:
            log.write("epoch,mode,batch,loss,argv_has_point,json_float\n")
            log.write("1,val,0,%s,%d,%d\n" % (1 / (1 + cfg["lr"]), "." in sys.argv[2], isinstance(cfg["lr"], float)))
        """;

    [Theory]
    [InlineData("params: {lr: float}\n", "lr: [1, 0.5]")]
    [InlineData("", "lr: [1.0, 0.5]")]
    public void A_whole_float_reaches_the_program_as_a_float_and_promote_writes_it_as_the_sweep_ran_it(string declaration, string axis)
    {
        using var study = new Study().WriteFile("probe.py", Program)
            .Write("", $"command: /usr/bin/python3 probe.py --lr {{lr}}\nseed: 0\n{declaration}")
            .Write("sweep/toy/net/opt", axis);
        var run = study.Run("sweep");
        Assert.True(run.Code == 0, run.Output);
        var log = File.ReadAllLines(Path.Combine(study.Trial("sweep/toy/net/opt", 0), TrialFiles.BatchLog));
        Assert.EndsWith(",1,1", log[1]); // "--lr 1.0", and 1.0 in the JSON
        var promote = study.Run("promote", "sweep/toy/net/opt/trial_000", "--seeds", "0,1");
        Assert.True(promote.Code == 0, promote.Output);
        Assert.Contains("lr: 1.0\n", File.ReadAllText(Path.Combine(study.Root, "cfg", "experiment", "toy", "net", "opt", "cfg.yaml")));
        var expand = study.Run("expand", "--dry-run", "--mode", "experiment");
        Assert.True(expand.Code == 0, expand.Output);
        Assert.Contains("probe.py --lr 1.0", expand.Output);
    }

    [Fact]
    public void A_misspelled_axis_fails_a_declared_run_at_its_line_and_warns_an_undeclared_one()
    {
        using var declared = new Study().WriteFile("probe.py", Program)
            .Write("", "command: /usr/bin/python3 probe.py --lr {lr}\nseed: 0\nparams: {lr: float, batch_size: int}\nbatch_size: 8\n")
            .Write("sweep/toy/net/opt", "lr: 0.5\nbatch_sise: [32, 64]\n");
        var refused = declared.Run("sweep");
        Assert.Equal(2, refused.Code);
        Assert.Contains(Path.Combine("cfg", "sweep", "toy", "net", "opt", "cfg.yaml") + ":2:1: key 'batch_sise' is not a declared parameter of the program; did you mean 'batch_size'?", refused.Output);
        Assert.False(Directory.Exists(declared.Log));

        using var undeclared = new Study().WriteFile("probe.py", Program)
            .Write("", "command: /usr/bin/python3 probe.py --lr {lr}\nseed: 0\n")
            .Write("sweep/toy/net/opt", "lr: 0.5\nbatch_sise: [32, 64]\n");
        var warned = undeclared.Run("expand");
        Assert.True(warned.Code == 0, warned.Output);
        Assert.Contains("warning: axis 'batch_sise' appears in no {placeholder} of the command, so trial_000 and trial_001 run the same command", warned.Output);
    }
}
