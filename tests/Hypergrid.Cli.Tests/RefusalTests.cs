using System.Diagnostics;
using System.Text.Json.Nodes;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>
/// Leaks, destructive writes and hangs: every read of a trial's files goes through one safe open, outputs are written only
/// onto regular files, promote writes only leaves under cfg/, eval reads only the weights a trial wrote. Two variants or more each.
/// </summary>
public class RefusalTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    private static Study Trained()
    {
        var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\n").Write(Leaf, "lr: [0.01, 0.02]");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        return study;
    }

    [Theory]
    [InlineData(false)] // cfg/ read-only: no experiment folder can be made
    [InlineData(true)]  // the experiment leaf exists in a read-only folder: --force cannot replace it
    public void Promote_onto_a_read_only_cfg_says_which_file_and_how_and_writes_nothing(bool leafExists)
    {
        using var study = Trained();
        var leaf = Path.Combine(study.Root, "cfg", "experiment", "synthetic", "mlp", "adam");
        if (leafExists) study.Write("experiment/synthetic/mlp/adam", "seed: [0, 1]\n");
        var locked = leafExists ? leaf : Path.Combine(study.Root, "cfg");
        var before = Directory.GetFiles(Path.Combine(study.Root, "cfg"), "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        ReadOnly(locked, true);
        try
        {
            var (code, said) = Quick(study, "promote", Leaf + "/trial_000", "--force");
            Assert.Equal(2, code);
            Assert.Contains("cannot write cfg/experiment/synthetic/mlp/adam/cfg.yaml: the folder is not writable", said);
            Assert.Contains("--dry-run", said);
            Assert.DoesNotContain("--out", said);
            Assert.DoesNotContain("Access to the path", said);
        }
        finally { ReadOnly(locked, false); }
        Assert.Equal(before, Directory.GetFiles(Path.Combine(study.Root, "cfg"), "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList());
    }

    // Read-only to root too: root ignores permission bits, not the immutable attribute (set last, cleared first).
    private static void ReadOnly(string dir, bool on)
    {
        if (OperatingSystem.IsWindows()) return;
        if (!on) Chattr("-i", dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead
            | UnixFileMode.OtherExecute | (on ? 0 : UnixFileMode.UserWrite));
        if (on) Chattr("+i", dir);
    }

    private static void Chattr(string flag, string dir)
    {
        if (Environment.UserName != "root") return;
        using var p = Process.Start("chattr", [flag, dir]);
        p.WaitForExit();
    }

    private static void Fifo(string path)
    {
        File.Delete(path);
        using var p = Process.Start("mkfifo", path);
        p.WaitForExit();
    }

    // Runs the CLI, failing (not hanging) when it does not finish in 30 s.
    private static (int Code, string Output) Quick(Study study, params string[] args)
    {
        using var p = study.Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(30))) { p.Kill(true); Assert.Fail($"'{string.Join(' ', args)}' hung"); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Theory]
    [InlineData(TrialFiles.Run)]
    [InlineData(TrialFiles.Claim)]
    [InlineData(TrialFiles.Checkpoint)]
    public void A_FIFO_named_like_a_trial_file_hangs_neither_status_nor_report(string name)
    {
        using var study = Trained();
        Fifo(Path.Combine(study.Trial(Leaf, 1), name));
        Assert.Equal(0, Quick(study, "status", "--trials").Code);
        Quick(study, "report");
    }

    [Fact]
    public void A_run_json_linked_out_of_out_log_is_not_read()
    {
        using var study = Trained();
        var secret = Path.Combine(study.Root, "secret.json");
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(study.Trial(Leaf, 1), TrialFiles.Run)))!;
        run["error"] = "SECRET-TEXT";
        run["status"] = "failed";
        File.WriteAllText(secret, run.ToJsonString());
        File.Delete(Path.Combine(study.Trial(Leaf, 1), TrialFiles.Run));
        File.CreateSymbolicLink(Path.Combine(study.Trial(Leaf, 1), TrialFiles.Run), secret);
        var (_, output) = Quick(study, "status", "--trials");
        Assert.DoesNotContain("SECRET-TEXT", output);
    }

    // Status judges a batch log linked out of out/log without opening it: whatever the file out there holds (a whole
    // header and a row, or no header), the trial is damaged, saying why.
    [Theory]
    [InlineData("epoch,mode,batch\n1,train,0\n")]
    [InlineData("nothing,here\n1,2\n")]
    public void Status_says_a_batch_log_linked_out_of_out_log_is_a_link_out_whatever_it_holds(string outside)
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\n").Write(Leaf, "lr: [0.01, 0.02]");
        Assert.Equal(0, study.Run("expand").Code);
        var trial = study.Trial(Leaf, 0);
        new RunRecord { Status = RunStatus.Complete }.Write(trial);
        File.WriteAllText(Path.Combine(study.Root, "outside.csv"), outside);
        File.CreateSymbolicLink(Path.Combine(trial, TrialFiles.BatchLog), Path.Combine(study.Root, "outside.csv"));
        var (code, output) = Quick(study, "status", "--trials");
        Assert.True(code == 0, output);
        Assert.Contains("damaged  sweep/synthetic/mlp/adam/trial_000", output);
        Assert.Contains("(batch_log.csv is a link out of out/log (not read); --rerun-damaged retrains it)", output);
    }

    [Theory]
    [InlineData("link")]
    [InlineData("fifo")]
    [InlineData("folder")]
    [InlineData("")]
    public void Report_output_is_written_only_onto_a_regular_file_and_anything_else_is_refused_untouched(string kind)
    {
        using var study = Trained();
        var target = Path.Combine(study.Root, "target.txt");
        File.WriteAllText(target, "keep me");
        var output = kind switch
        {
            "link" => Path.Combine(study.Root, "report.md"),
            "fifo" => Path.Combine(study.Root, "report.fifo"),
            "folder" => study.Root,
            _ => "",
        };
        if (kind == "link") File.CreateSymbolicLink(output, target);
        if (kind == "fifo") Fifo(output);
        var (code, said) = Quick(study, "report", "--output", output);
        Assert.Equal(2, code);
        Assert.Contains("--output", said);
        Assert.DoesNotContain("   at ", said);
        Assert.Equal("keep me", File.ReadAllText(target));
        if (kind == "link") Assert.NotNull(new FileInfo(output).LinkTarget);
    }

    [Fact]
    public void Report_output_dash_is_standard_output_and_a_regular_file_is_replaced()
    {
        using var study = Trained();
        var (code, said) = Quick(study, "report", "--format", "csv", "--output", "-");
        Assert.Equal(0, code);
        Assert.StartsWith("section,metric,leaf,values", said);
        var file = Path.Combine(study.Root, "report.csv");
        File.WriteAllText(file, "old");
        Assert.Equal(0, Quick(study, "report", "--format", "csv", "--output", file).Code);
        Assert.StartsWith("section,metric,leaf,values", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("sweep/../../../trial_000")]
    [InlineData("sweep/../x/y/trial_000")]
    [InlineData("sweep/synthetic/../../trial_001")]
    [InlineData("sweep/./mlp/adam")]
    public void Promote_writes_only_leaves_under_cfg(string target)
    {
        using var study = Trained();
        var before = Directory.GetFiles(study.Root, "cfg.yaml", SearchOption.AllDirectories).Length;
        var (code, said) = Quick(study, "promote", target);
        Assert.Equal(2, code);
        Assert.DoesNotContain("   at ", said);
        Assert.Equal(before, Directory.GetFiles(study.Root, "cfg.yaml", SearchOption.AllDirectories).Length);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(study.Root)!, "cfg.yaml")));
    }

    [Theory]
    [InlineData("swapped")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("fifo")]
    public void Eval_reads_only_the_weights_its_trial_wrote_and_says_so_in_one_line(string damage)
    {
        using var study = Trained();
        var weights = Path.Combine(study.Trial(Leaf, 0), TrialFiles.Weights);
        var bytes = File.ReadAllBytes(weights);
        switch (damage)
        {
            case "swapped": File.Copy(Path.Combine(study.Trial(Leaf, 1), TrialFiles.Weights), weights, overwrite: true); break;
            case "truncated": File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]); break;
            case "garbage": File.WriteAllText(weights, "not weights"); break;
            default: Fifo(weights); break;
        }
        var (code, said) = Quick(study, "eval", $"{Leaf}/trial_000");
        Assert.Equal(2, code);
        Assert.Contains(TrialFiles.Weights, said);
        Assert.DoesNotContain("   at ", said);
    }

    [Fact]
    public void Eval_of_damaged_weights_without_a_recorded_checksum_says_they_do_not_load()
    {
        using var study = Trained();
        var dir = study.Trial(Leaf, 0);
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, TrialFiles.Run)))!.AsObject();
        run.Remove("weights_sha256"); // a result from before checksums were recorded
        File.WriteAllText(Path.Combine(dir, TrialFiles.Run), run.ToJsonString());
        var bytes = File.ReadAllBytes(Path.Combine(dir, TrialFiles.Weights));
        File.WriteAllBytes(Path.Combine(dir, TrialFiles.Weights), bytes[..(bytes.Length - 40)]);
        var (code, said) = Quick(study, "eval", $"{Leaf}/trial_000");
        Assert.Equal(2, code);
        Assert.Contains("does not load", said);
        Assert.Equal(0, Quick(study, "eval", $"{Leaf}/trial_001").Code);
    }

    [Fact]
    public void Eval_of_a_trial_folder_copied_elsewhere_works()
    {
        using var study = Trained();
        var copy = Path.Combine(study.Root, "kept", "trial_000");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(study.Trial(Leaf, 0))) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        var (code, said) = Quick(study, "eval", copy);
        Assert.True(code == 0, said);
        Assert.Contains("val: loss", said);
    }

    [Theory]
    [InlineData("trial_0000")]
    [InlineData("trial_01")]
    public void A_stray_folder_beside_the_trials_is_not_a_trial_and_is_named_once(string stray)
    {
        using var study = Trained();
        var copy = Path.Combine(study.Log, Leaf, stray);
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(study.Trial(Leaf, 0))) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        var (code, said) = Quick(study, "report", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal(2, said.Split('\n').Count(l => l.Contains("," + Leaf + ",", StringComparison.Ordinal)));
        Assert.DoesNotContain(",2,", said.Split('\n').First(l => l.Contains("trial_000")));
        var table = Quick(study, "report").Output;
        Assert.Equal(1, table.Split($"{Leaf}/{stray}").Length - 1);
        Assert.DoesNotContain(stray, Quick(study, "status", "--trials").Output);
    }
}
