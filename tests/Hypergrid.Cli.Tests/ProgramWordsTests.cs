using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>Words that match what happened: what the commands say about a program's trial.</summary>
public class ProgramWordsTests
{
    [Fact]
    public void Eval_of_a_program_trial_says_eval_is_for_the_built_in_trainers_with_or_without_run_json()
    {
        using var study = new Study().WriteFile("probe.py", DeclaredParamsRunTests.Program.Replace("import json, os, sys", "import json, os, sys\nopen(os.path.join(os.environ['HYPERGRID_TRIAL_DIR'], 'model.safetensors'), 'wb').write(b'weights')"))
            .Write("", "command: /usr/bin/python3 probe.py --lr {lr}\nseed: 0\n").Write("sweep/toy/net/opt", "lr: 0.5");
        var run = study.Run("sweep");
        Assert.True(run.Code == 0, run.Output);
        var trial = study.Trial("sweep/toy/net/opt", 0);
        Assert.True(File.Exists(Path.Combine(trial, "model.safetensors"))); // the program's own file, in the built-ins' name
        foreach (var withRunJson in new[] { true, false })
        {
            if (!withRunJson) File.Delete(Path.Combine(trial, TrialFiles.Run));
            var (code, output) = study.Run("eval", "sweep/toy/net/opt/trial_000");
            Assert.Equal(2, code);
            Assert.Contains("was trained by a program of your own (its command), and eval is for the built-in trainers", output);
        }
    }

    [Fact]
    public void The_version_run_json_records_is_the_version_the_command_prints()
    {
        using var study = new Study().WriteFile("probe.py", DeclaredParamsRunTests.Program)
            .Write("", "command: /usr/bin/python3 probe.py --lr {lr}\nseed: 0\n").Write("sweep/toy/net/opt", "lr: 0.5");
        Assert.Equal(0, study.Run("sweep").Code);
        var (code, printed) = study.Run("--version");
        Assert.Equal(0, code);
        Assert.Equal(printed.Trim(), RunRecord.TryRead(study.Trial("sweep/toy/net/opt", 0))!.Versions["hypergrid"]);
    }
}
