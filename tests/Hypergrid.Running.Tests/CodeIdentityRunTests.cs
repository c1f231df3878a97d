using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// Code is part of a program result's identity, through real runs of the CLI: an edit of the file the command names
/// makes its results "trained by other code" in status, run and the report; an edit of a file it does not name changes
/// nothing; --retrain-other-code retrains them; in a git work tree run.json names the commit.
/// </summary>
public class CodeIdentityRunTests
{
    private const string Leaf = "experiment/clusters/softmax/sgd";
    private const string Root = "command: python3 train.py\nepochs: 1\nn_train: 64\nn_val: 32\nbatch_size: 32\n";

    private static Study Example() => new Study().Copy("examples/stdlib/train.py").WriteFile("notes.py", "# notes\n")
        .Write("", Root).Write(Leaf, "lr: 0.1\nseed: [0, 1]");

    private static void Append(Study study, string file, string text)
    {
        var path = Path.Combine(study.Root, file);
        File.AppendAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(2)); // a new time even within the file system's tick
    }

    private static (int Code, string Output) Ok((int Code, string Output) result)
    {
        Assert.True(result.Code == 0, result.Output);
        return result;
    }

    [Fact]
    public void An_edit_of_the_named_file_makes_results_other_code_kept_apart_in_the_report_and_retrained_only_when_asked()
    {
        using var study = Example();
        Ok(study.Run("experiment"));
        var first = RunRecord.TryRead(study.Trial(Leaf, 0))!;
        Assert.Equal(["train.py"], first.Code!.Files.Keys);
        Assert.Equal(study.Root, first.Code.Root);
        Assert.Matches(@"^3\.\d+", first.Interpreter!.Version);

        // A comment in a file the study does not name: nothing changes.
        Append(study, "notes.py", "# another note\n");
        Assert.DoesNotContain($"other-code {Leaf}", Ok(study.Run("status", "--trials")).Output);
        Assert.Contains("nothing to train", Ok(study.Run("experiment")).Output);

        // A comment in train.py: both results were trained by other code; run keeps them.
        Append(study, "train.py", "# a comment\n");
        var status = Ok(study.Run("status", "--trials")).Output;
        Assert.Contains($"other-code {Leaf}/trial_000", status);
        Assert.Contains("trained by other code: train.py changed since it ran", status);
        var kept = Ok(study.Run("experiment")).Output;
        Assert.Contains("nothing to train", kept);
        Assert.Contains("2 trained by other code", kept);

        // Two more seeds train with today's code: the report never pools them with the old two.
        study.Write(Leaf, "lr: 0.1\nseed: [0, 1, 2, 3]");
        Ok(study.Run("experiment"));
        Assert.NotEqual(first.Code.Sha256, RunRecord.TryRead(study.Trial(Leaf, 2))!.Code!.Sha256);
        var report = Ok(study.Run("report", "--format", "csv")).Output;
        Assert.Contains("trial_000;trial_001,0;1,2,", report);
        Assert.Contains("trial_002;trial_003,2;3,2,", report);
        Assert.Contains($"{first.Code.Short} (trained by other code)", report);

        Ok(study.Run("experiment", "--retrain-other-code"));
        Assert.Equal(RunRecord.TryRead(study.Trial(Leaf, 2))!.Code!.Sha256, RunRecord.TryRead(study.Trial(Leaf, 0))!.Code!.Sha256);
        Assert.Contains("trial_000;trial_001;trial_002;trial_003,0;1;2;3,4,", Ok(study.Run("report", "--format", "csv")).Output);
        Assert.True(Directory.Exists(Path.Combine(study.Trial(Leaf, 0), "previous"))); // the old result is kept, not deleted
    }

    [Fact]
    public void Promote_says_when_the_best_trial_was_trained_by_other_code()
    {
        using var study = new Study().Copy("examples/stdlib/train.py").Write("", Root.Replace("epochs: 1", "epochs: 1\nseed: 0")).Write("sweep/clusters/softmax/sgd", "lr: 0.1");
        Ok(study.Run("sweep"));
        Assert.DoesNotContain("other code", Ok(study.Run("promote", "sweep/clusters/softmax/sgd", "--dry-run")).Output);
        Append(study, "train.py", "# edited\n");
        var promoted = Ok(study.Run("promote", "sweep/clusters/softmax/sgd", "--dry-run")).Output;
        Assert.Contains("note: sweep/clusters/softmax/sgd/trial_000 was trained by other code: train.py changed since it ran", promoted);
        Assert.Contains("lr: 0.1", promoted);
    }

    private static void Git(Study study, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = study.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-c", "user.name=t", "-c", "user.email=t@t", .. args]) info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        var error = git.StandardError.ReadToEndAsync();
        git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, error.Result);
    }

    private static string Head(Study study)
    {
        var info = new ProcessStartInfo("git", ["rev-parse", "HEAD"]) { WorkingDirectory = study.Root, RedirectStandardOutput = true };
        using var git = Process.Start(info)!;
        var head = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return head;
    }

    [Fact]
    public void In_a_git_work_tree_run_json_names_the_commit_and_a_commit_of_another_file_changes_nothing()
    {
        using var study = Example();
        File.WriteAllText(Path.Combine(study.Root, ".gitignore"), "out/\n");
        Git(study, "init", "-q");
        Git(study, "add", ".");
        Git(study, "commit", "-q", "-m", "v1");
        Ok(study.Run("experiment"));
        var ran = RunRecord.TryRead(study.Trial(Leaf, 0))!.Code!;
        Assert.Equal(Head(study), ran.GitCommit);
        Assert.False(ran.GitDirty);

        // A new commit that touches only notes.py: the results are today's.
        Append(study, "notes.py", "# more\n");
        Git(study, "commit", "-q", "-am", "notes");
        Assert.DoesNotContain($"other-code {Leaf}", Ok(study.Run("status", "--trials")).Output);

        // An uncommitted edit of train.py: other code; retrained, run.json says the work tree differed from the commit.
        Append(study, "train.py", "# uncommitted\n");
        Assert.Contains($"other-code {Leaf}", Ok(study.Run("status", "--trials")).Output);
        Ok(study.Run("experiment", "--retrain-other-code"));
        var again = RunRecord.TryRead(study.Trial(Leaf, 0))!.Code!;
        Assert.Equal(Head(study), again.GitCommit);
        Assert.True(again.GitDirty);
        Assert.DoesNotContain($"other-code {Leaf}", Ok(study.Run("status", "--trials")).Output);
    }
}
