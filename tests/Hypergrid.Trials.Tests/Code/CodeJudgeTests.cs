using Hypergrid.Trials.Code;

namespace Hypergrid.Trials.Tests.Code;

/// <summary>A complete program result is judged by the code the study holds now.</summary>
public sealed class CodeJudgeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-judge-").FullName;

    public CodeJudgeTests()
    {
        File.WriteAllText(Path.Combine(root, "train.py"), "print('v1')\n");
        File.WriteAllText(Path.Combine(root, "model.py"), "W = 1\n");
        File.WriteAllText(Path.Combine(root, "notes.md"), "# notes\n");
    }

    public void Dispose() => Directory.Delete(root, true);

    private TrialRecord Complete(CodeRecord code) =>
        new(new TrialId("sweep", "d", "m", "t", 0), root, TrialState.Complete, null, null, new RunRecord { Status = RunStatus.Complete, Code = code });

    private CodeRecord Named() => CodeIdentity.Of(root, ["python3", "train.py"], null, []);

    private CodeRecord Globbed() => CodeIdentity.Of(root, ["python3", "train.py"], ["*.py"], []);

    private static CodeJudge Judge() => new(null, []);

    private void Edit(string name, string text)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
    }

    [Fact]
    public void A_result_whose_named_file_is_unchanged_stays_complete() =>
        Assert.Equal(TrialState.Complete, Judge().Judge(Complete(Named())).State);

    [Fact]
    public void A_result_whose_named_file_changed_is_trained_by_other_code_and_says_which()
    {
        var ran = Complete(Named());
        Edit("train.py", "print('v1')  # a comment\n");
        var judged = Judge().Judge(ran);
        Assert.Equal(TrialState.OtherCode, judged.State);
        Assert.Equal("trained by other code: train.py changed since it ran (--retrain-other-code retrains it)", judged.Note);
    }

    // Fixing the code that made a run NaN is what --retrain-other-code is for: a diverged result is judged too.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_diverged_result_is_other_code_once_its_code_changed_and_stays_diverged_until_then(bool edit)
    {
        var ran = Complete(Named()) with { State = TrialState.Diverged };
        if (edit) Edit("train.py", "print('v2')\n");
        Assert.Equal(edit ? TrialState.OtherCode : TrialState.Diverged, Judge().Judge(ran).State);
    }

    [Fact]
    public void An_edit_of_a_file_the_study_does_not_name_changes_nothing()
    {
        var named = Complete(Named());
        var globbed = Complete(Globbed());
        Edit("notes.md", "# notes, edited\n");
        Assert.Equal(TrialState.Complete, Judge().Judge(named).State);
        Assert.Equal(TrialState.Complete, Judge().Judge(globbed).State);
    }

    [Fact]
    public void With_globs_an_edited_a_new_or_a_deleted_file_is_other_code()
    {
        var ran = Complete(Globbed());
        Edit("model.py", "W = 2\n");
        Assert.Contains("model.py changed", Judge().Judge(ran).Note);
        Edit("model.py", "W = 1\n");
        File.WriteAllText(Path.Combine(root, "extra.py"), "");
        Assert.Contains("extra.py is new", Judge().Judge(ran).Note);
        File.Delete(Path.Combine(root, "extra.py"));
        File.Delete(Path.Combine(root, "model.py"));
        Assert.Contains("model.py is gone", Judge().Judge(ran).Note);
    }

    [Fact]
    public void A_result_whose_study_folder_is_not_here_cannot_be_judged_and_stays_complete() =>
        Assert.Equal(TrialState.Complete, Judge().Judge(Complete(Named() with { Root = Path.Combine(root, "moved-away") })).State);

    [Fact]
    public void Only_complete_results_with_a_code_record_are_judged()
    {
        Edit("train.py", "print('v2')\n");
        var old = Complete(Named() with { Files = new(StringComparer.Ordinal) { ["train.py"] = "0" }, Sha256 = "x" });
        Assert.Equal(TrialState.OtherCode, Judge().Judge(old).State);
        Assert.Equal(TrialState.Stale, Judge().Judge(old with { State = TrialState.Stale }).State);
        Assert.Equal(TrialState.Complete, Judge().Judge(old with { Run = old.Run! with { Code = null } }).State);
    }
}
