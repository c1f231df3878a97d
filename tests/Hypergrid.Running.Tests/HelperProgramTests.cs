using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// The Python helper (python/hypergrid.py, copied next to a script as a user would) through real runs: a program of a
/// dozen lines gets its values, logs line by line, stops on SIGTERM and continues exactly, pauses at a search rung,
/// reports its versions for run.json, and runs on its own without Hypergrid.
/// </summary>
public class HelperProgramTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    // A typical script: argparse defaults, a model with a state_dict, random draws each batch, train and val rows.
    private const string Program = """
        import argparse, random, time
        import hypergrid

        class Model:
            def __init__(self): self.w = 0.0
            def state_dict(self): return {"w": self.w}
            def load_state_dict(self, d): self.w = d["w"]

        parser = argparse.ArgumentParser()
        parser.add_argument("--lr", type=float, default=0.5)
        parser.add_argument("--epochs", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delay", type=float, default=0.0)
        args = parser.parse_args()
        hypergrid.init(args, metrics=["loss", "acc"])
        random.seed(args.seed)
        model = Model()
        start = hypergrid.restore(model=model)
        for epoch in range(start, args.epochs + 1):
            for b in range(8):
                x = random.random()
                model.w += args.lr * (x - model.w)
                hypergrid.log(epoch, "train", b, loss=(x - model.w) ** 2)
                time.sleep(args.delay)
            hypergrid.log(epoch, "val", 0, loss=abs(model.w - 0.5), acc=type(args.lr).__name__ == "float")
            hypergrid.epoch_end(epoch)
        """;

    private static Study Helped(string root = "command: python3 prog.py\nseed: 3\nepochs: 3\n", string leaf = "lr: [1, 0.25]") =>
        new Study().Copy("python/hypergrid.py").WriteFile("prog.py", Program).Write("", root).Write(Leaf, leaf);

    [Fact]
    public void A_helper_program_gets_typed_values_logs_and_reports_its_versions_to_run_json()
    {
        using var study = Helped();
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        var trial = study.Trial(Leaf, 0);
        var lines = File.ReadAllLines(Path.Combine(trial, TrialFiles.BatchLog));
        Assert.Equal("epoch,mode,batch,loss,acc,time", lines[0]);
        Assert.Equal(3 * 9 + 1, lines.Length);
        Assert.EndsWith(",1,", string.Join(',', lines[9].Split(',')[..5]) + ","); // lr: 1 reached the float argument as 1.0
        var run = RunRecord.TryRead(trial)!;
        Assert.Matches(@"^3\.\d+\.\d+$", run.ProgramVersions!["python"]);
        Assert.Equal("0.1.0", run.ProgramVersions["hypergrid_helper"]);
        Assert.Equal(["prog.py"], run.Code!.Files.Keys); // hypergrid.py beside it is not named by the command
    }

    // A study whose trial 0 was stopped with SIGTERM in its second epoch (the run stopped), its program set to run fast again.
    private static Study Stopped()
    {
        var stopped = Helped(leaf: "lr: [1, 0.25]\ndelay: 0.05");
        // Four epochs: a stop that lands in the second or the third is never at the last (which ends with exit 0).
        stopped.Write("", "command: python3 prog.py --delay {delay}\nseed: 3\nepochs: 4\n");
        var trial = stopped.Trial(Leaf, 0);
        using (var run = stopped.Start("sweep", "--workers", "1"))
        {
            Study.WaitUntilTraining(trial, rows: 10); // into the second epoch
            Assert.True(Signal.TermProcess(run.Id));
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        }
        Assert.Equal(75, RunRecord.TryRead(trial)!.ExitCode);
        Assert.False(stopped.IsComplete(Leaf, 0));
        stopped.Write("", "command: python3 prog.py --delay 0\nseed: 3\nepochs: 4\n");
        return stopped;
    }

    [Fact]
    public void A_helper_program_stopped_with_SIGTERM_exits_75_at_its_epoch_end_and_continues_to_the_rows_of_an_uninterrupted_one()
    {
        using var straight = Helped(root: "command: python3 prog.py\nseed: 3\nepochs: 4\n");
        Assert.Equal(0, straight.Run("sweep", "--workers", "1").Code);
        using var stopped = Stopped();
        var trial = stopped.Trial(Leaf, 0);
        var (code, output) = stopped.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.NotNull(RunRecord.TryRead(trial)!.ResumedFrom);
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(straight.Trial(Leaf, 0), TrialFiles.BatchLog)), BatchLogs.WithoutTime(Path.Combine(trial, TrialFiles.BatchLog)));
    }

    [Fact]
    public void A_checkpoint_made_by_other_code_is_not_continued_the_trial_starts_again_with_todays_code()
    {
        using var stopped = Stopped();
        var trial = stopped.Trial(Leaf, 0);
        File.AppendAllText(Path.Combine(stopped.Root, "prog.py"), "# edited while the trial waited\n");
        File.SetLastWriteTimeUtc(Path.Combine(stopped.Root, "prog.py"), DateTime.UtcNow.AddSeconds(2));
        var (code, output) = stopped.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.Contains("its checkpoint is not used: it was made by other code (prog.py changed since); starting from scratch", File.ReadAllText(Path.Combine(trial, TrialFiles.WorkerLog)));
        var run = RunRecord.TryRead(trial)!;
        Assert.Null(run.ResumedFrom);
        Assert.Equal(CodeOf(stopped, "prog.py"), run.Code!.Files["prog.py"]);
        Assert.Single(Directory.GetDirectories(Path.Combine(trial, TrialFiles.Previous)));
        Assert.DoesNotContain("other-code", stopped.Run("status", "--trials").Output.Split('\n').Where(l => l.Contains("trial_")));
    }

    private static string CodeOf(Study study, string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(study.Root, file))));

    [Fact]
    public void Under_successive_halving_a_helper_program_pauses_at_its_rung_and_the_promoted_one_continues_exactly()
    {
        using var study = Helped(leaf: "lr: [1, 0.5, 0.25]\nsearch: {method: halving, metric: val_loss, goal: min, rungs: [1], keep: 0.34}\n");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        var records = Enumerable.Range(0, 3).Select(n => TrialRecord.Read(study.Trial(Leaf, n), TrialId.FromDirectory(study.Trial(Leaf, n)), (string?)null)).ToList();
        var done = Assert.Single(records, r => r.State == TrialState.Complete);
        Assert.All(records.Where(r => r != done), r =>
        {
            Assert.Equal((TrialState.Paused, 75, 1), (r.State, r.Run!.ExitCode, r.Run.PausedAt));
            Assert.True(File.Exists(Path.Combine(Attempt.Latest(r.Directory)!.CheckpointDir, "hypergrid_state.pt")));
        });
        using var plain = Helped(leaf: "lr: [1, 0.5, 0.25]\n");
        Assert.Equal(0, plain.Run("sweep").Code);
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(plain.Trial(Leaf, done.Id.Number), TrialFiles.BatchLog)),
            BatchLogs.WithoutTime(Path.Combine(done.Directory, TrialFiles.BatchLog)));
    }

    // The helper as the worker runs it, without the CLI: the environment of an attempt, set by hand.
    private static (int Code, string Output) Python(string dir, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        PythonOf("python3", dir, environment, args);

    private static (int Code, string Output) PythonOf(string python, string dir, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(python) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("HYPERGRID_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(name);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        if (args.FirstOrDefault() is not ("-c" or "-m")) info.ArgumentList.Add("prog.py");
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)));
        return (p.ExitCode, output.Result + errors.Result);
    }

    [Fact]
    public void At_a_search_rung_the_helper_checkpoints_exits_75_and_a_continued_attempt_ends_as_an_uninterrupted_one()
    {
        using var study = Helped();
        Dictionary<string, string?> Attempt(string name, string? stopAfter, bool resume)
        {
            var dir = Path.Combine(study.Root, name);
            Directory.CreateDirectory(dir);
            return new()
            {
                ["HYPERGRID_CONFIG_JSON"] = """{"seed": 3, "epochs": 3, "lr": 1}""", ["HYPERGRID_BATCH_LOG"] = Path.Combine(dir, "log.csv"),
                ["HYPERGRID_CHECKPOINT_DIR"] = Path.Combine(dir, "checkpoint"), ["HYPERGRID_RESUME"] = resume ? "1" : "0",
                ["HYPERGRID_STOP_AFTER_EPOCH"] = stopAfter,
            };
        }
        Assert.Equal(0, Python(study.Root, Attempt("straight", null, false)).Code);
        var (code, output) = Python(study.Root, Attempt("rung", "1", false));
        Assert.True(code == 75, output);
        Assert.Contains("search rung at epoch 1", output);
        Assert.Equal(1 + 9, File.ReadAllLines(Path.Combine(study.Root, "rung", "log.csv")).Length);
        Assert.Equal(0, Python(study.Root, Attempt("rung", null, true)).Code);
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(study.Root, "straight", "log.csv")), BatchLogs.WithoutTime(Path.Combine(study.Root, "rung", "log.csv")));
    }

    [Fact]
    public void Without_Hypergrid_the_same_script_runs_on_its_own_and_logs_to_a_local_file()
    {
        using var study = Helped();
        var (code, output) = Python(study.Root, new Dictionary<string, string?>(), "--epochs", "2");
        Assert.True(code == 0, output);
        Assert.Contains("not run by Hypergrid; logging to hypergrid_runs/prog-", output);
        var log = Directory.GetFiles(Path.Combine(study.Root, "hypergrid_runs"), "batch_log.csv", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(log);
        Assert.Equal("epoch,mode,batch,loss,acc,time", lines[0]);
        Assert.Equal(1 + 2 * 9, lines.Length);
    }

    [Fact]
    public void The_helper_is_Python_3_8_grammar_and_installs_with_pip_from_the_repository_path_without_a_network()
    {
        var helper = Path.Combine(Study.Repository, "python", "hypergrid.py");
        var (code, output) = Python(Study.Repository, new Dictionary<string, string?>(), "-c",
            $"import ast; ast.parse(open({System.Text.Json.JsonSerializer.Serialize(helper)}).read(), feature_version=(3, 8)); print('ok')");
        Assert.True(code == 0 && output.Contains("ok"), output);
        var target = Directory.CreateTempSubdirectory("hypergrid-pip-").FullName;
        var build = Directory.CreateTempSubdirectory("hypergrid-pip-src-").FullName;
        try
        {
            // A copy: pip's in-tree build writes build/ and *.egg-info beside pyproject.toml.
            foreach (var f in new[] { "hypergrid.py", "pyproject.toml" }) File.Copy(Path.Combine(Study.Repository, "python", f), Path.Combine(build, f));
            // Debian's Python: its pip builds with the setuptools and wheel it has (a pyenv Python may lack wheel).
            var pip = PythonOf("/usr/bin/python3", build, new Dictionary<string, string?>(), "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index", "--target", target, ".");
            Assert.True(pip.Code == 0, pip.Output);
            Assert.True(File.Exists(Path.Combine(target, "hypergrid.py")), pip.Output);
        }
        finally
        {
            Directory.Delete(target, true);
            Directory.Delete(build, true);
        }
    }

    [Fact]
    public void A_program_that_links_its_info_file_out_of_out_log_reports_nothing()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"hypergrid-versions-{Guid.NewGuid():N}.json");
        File.WriteAllText(outside, """{"versions": {"planted": "1.0"}}""");
        try
        {
            using var study = new Study().WriteFile("prog.py", $"""
                import os
                os.symlink({System.Text.Json.JsonSerializer.Serialize(outside)}, os.environ["HYPERGRID_PROGRAM_INFO"])
                with open(os.environ["HYPERGRID_BATCH_LOG"], "a") as log:
                    log.write("epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.4\n")
                """).Write("", "command: python3 prog.py\nseed: 0\n").Write(Leaf, "lr: 1");
            var (code, output) = study.Run("sweep");
            Assert.True(code == 0, output);
            Assert.Null(RunRecord.TryRead(study.Trial(Leaf, 0))!.ProgramVersions);
            Assert.Contains("program_info.json is not a regular file of its own", File.ReadAllText(Path.Combine(study.Trial(Leaf, 0), TrialFiles.WorkerLog)));
        }
        finally { File.Delete(outside); }
    }
}
