using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>The command key at expansion: a program's names and keys are its own; the description's rules still hold.</summary>
public class ProgramConfigTests
{
    private static string Leaf(params string[] parts) => Path.Combine(["cfg", .. parts, "cfg.yaml"]);

    [Fact]
    public void A_tree_for_a_program_of_ones_own_expands_with_any_dataset_model_and_keys_and_dry_run_shows_each_command()
    {
        using var study = new Study().Write("", "command: python3 train.py --width {width} --data {dataset}\nseed: 0\n")
            .Write("sweep/toyset/resnet/lion", "width: [8, 16]\ndepth: 3\nschedule: {kind: cosine, warmup: 5}\n");
        var (code, output) = study.Run("expand", "--dry-run");
        Assert.True(code == 0, output);
        Assert.Contains("python3 train.py --width 16 --data toyset", output);
        Assert.Contains("2 trials", output);
        Assert.Equal(0, study.Run("expand").Code);
        Assert.Contains("python3 train.py --width {width} --data {dataset}", File.ReadAllText(Path.Combine(study.Trial("sweep/toyset/resnet/lion", 1), "cfg.yaml")));
    }

    [Theory]
    [InlineData("command: python3 train.py --lr {lr} --w {widht}\n", "names {widht}, which is not a key of this trial")]
    [InlineData("command: [python3, train.py]\n", "is [python3, train.py], but a command is one string")]
    [InlineData("command: python3 train.py --x {lr\n", "does not start a {key} placeholder")]
    [InlineData("command: python3 train.py --x lr}\n", "closes nothing")]
    [InlineData("command: \"python3 'train.py\"\n", "unclosed ' quote")]
    [InlineData("command: python3 train.py\nscale: .inf\n", "is .inf, which is not a finite number")]
    [InlineData("command: python3 train.py\nnested: {a: [1, 1e400]}\n", "is 1e400, which is not a finite number")]
    [InlineData("command: python3 train.py\nstop_grace_seconds: -1\n", "not a number of seconds from 0 to 3600")]
    [InlineData("command: python3 train.py\ncode: [\"/etc/*.py\"]\n", "'/etc/*.py' is an absolute path")]
    [InlineData("command: python3 train.py\ncode: [\"lib/../../x.py\"]\n", "reaches out of the study folder")]
    [InlineData("command: python3 train.py\ncode: [\"*.py\", 3]\n", "'3' is not a string")]
    [InlineData("comand: python3 train.py\n", "key 'comand' is not a key of Hypergrid's; did you mean 'command'?")]
    [InlineData("command: python3 train.py\nserach: {method: halving}\n", "key 'serach' is not a key of Hypergrid's; did you mean 'search'?")]
    public void A_mistake_in_a_programs_config_stops_expansion_at_its_line_and_writes_nothing(string root, string problem)
    {
        using var study = new Study().Write("", root + "seed: 0\n").Write("sweep/toyset/net/opt", "lr: [0.1, 0.2]\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains(Leaf() + ":", output);
        Assert.Contains(problem, output);
        Assert.Contains("hint:", output);
        Assert.False(Directory.Exists(study.Log));
    }

    [Fact]
    public void The_descriptions_rules_hold_for_programs_a_list_in_experiment_mode_and_a_list_seed_in_a_sweep_are_refused()
    {
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\n")
            .Write("experiment/toyset/net/opt", "lr: [0.1, 0.2]\n")
            .Write("sweep/toyset/net/opt", "seed: [0, 1]\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains(Leaf("experiment", "toyset", "net", "opt") + ":1:1: key 'lr' is a list of several values", output);
        Assert.Contains(Leaf("sweep", "toyset", "net", "opt") + ":1:1: key 'seed' is a list", output);
    }

    [Fact]
    public void A_code_list_is_one_value_not_an_axis_and_not_a_hyperparameter()
    {
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\ncode: [\"*.py\", \"lib/**/*.py\"]\n").Write("sweep/toyset/net/opt", "lr: [0.1, 0.2]\n");
        var (code, output) = study.Run("expand", "--dry-run");
        Assert.True(code == 0, output);
        Assert.Contains("2 trials", output);
        Assert.Equal(0, study.Run("expand").Code);
        var trial = study.Trial("sweep/toyset/net/opt", 0);
        File.WriteAllText(Path.Combine(trial, "batch_log.csv"), "epoch,mode,batch,loss\n1,val,0,0.5\n");
        study.Write("", "command: python3 train.py\nseed: 0\ncode: [\"*.py\"]\n");
        Assert.Contains("complete sweep/toyset/net/opt/trial_000", study.Run("status", "--trials").Output);
    }

    [Fact]
    public void Changing_the_command_keeps_every_trial_and_makes_no_result_stale()
    {
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\n").Write("sweep/toyset/net/opt", "lr: [0.1, 0.2]\n");
        Assert.Equal(0, study.Run("expand").Code);
        var trial = study.Trial("sweep/toyset/net/opt", 0);
        File.WriteAllText(Path.Combine(trial, "batch_log.csv"), "epoch,mode,batch,loss\n1,val,0,0.5\n");
        study.Write("", "command: python3 other.py --fast\nseed: 0\n");
        var (code, output) = study.Run("status", "--trials");
        Assert.True(code == 0, output);
        Assert.Contains("complete sweep/toyset/net/opt/trial_000", output);
        Assert.DoesNotContain("stale", output.Split('\n').Where(l => l.Contains("trial_")).Aggregate("", (a, b) => a + b));
    }

    [Fact]
    public void Built_in_trainers_accept_the_always_logged_metrics_in_batch_metrics_and_keep_their_registry_checks()
    {
        using var study = new Study().Write("", "seed: 0\nbatch_metrics: [loss, acc, grad_norm]\n").Write("sweep/synthetic/mlp/adam", "lr: 0.01\n");
        var (code, output) = study.Run("expand");
        Assert.True(code == 0, output);
        study.Write("sweep/toyset/mlp/adam", "lr: 0.01\n");
        var refused = study.Run("expand");
        Assert.Equal(2, refused.Code);
        Assert.Contains("no dataset is registered as", refused.Output);
    }

    [Theory]
    [InlineData("leaves")]
    [InlineData("tree")]
    public void Status_lists_the_trials_of_a_tree_that_lost_its_leaves_or_is_gone_as_orphans(string lost)
    {
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\n").Write("sweep/toyset/net/opt", "lr: [0.1, 0.2]\n");
        Assert.Equal(0, study.Run("expand").Code);
        Directory.Delete(Path.Combine(study.Root, "cfg", lost == "leaves" ? "sweep" : ""), recursive: true);
        var (code, output) = study.Run("status", "--trials");
        Assert.True(code == 0, output);
        Assert.Contains("orphan   sweep/toyset/net/opt/trial_001", output);
    }
}
