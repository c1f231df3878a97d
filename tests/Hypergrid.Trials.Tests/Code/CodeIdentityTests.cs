using Hypergrid.Trials.Code;

namespace Hypergrid.Trials.Tests.Code;

/// <summary>Which files are a program's code, and their identity: pure rules over a small study folder.</summary>
public sealed class CodeIdentityTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-code-").FullName;

    public CodeIdentityTests()
    {
        Write("train.py", "print('train')\n");
        Write("conf.json", "{}\n");
        Write("pkg/main.py", "print('main')\n");
        Write("out/log/x.py", "# a result, not code\n");
        Write("cfg/cfg.yaml", "command: python3 train.py\n");
    }

    public void Dispose() => Directory.Delete(root, true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string[] Skip => [Path.Combine(root, "out")];

    [Fact]
    public void The_command_names_its_script_and_a_file_given_as_an_option_value() =>
        Assert.Equal(["conf.json", "train.py"], CodeIdentity.Named(root, ["/usr/bin/python3", "train.py", "--lr", "0.1", "--config=conf.json"], Skip));

    [Fact]
    public void A_module_run_with_dash_m_names_its_file() =>
        Assert.Equal(["pkg/main.py"], CodeIdentity.Named(root, ["python3", "-m", "pkg.main"], Skip));

    [Fact]
    public void Files_outside_the_study_under_out_or_missing_are_not_code() =>
        Assert.Empty(CodeIdentity.Named(root, ["python3", "/etc/hostname", "../x.py", "out/log/x.py", "absent.py", "pkg"], Skip));

    [Fact]
    public void The_identity_is_free_of_order_and_changes_with_any_file() =>
        Assert.Multiple(
            () => Assert.Equal(CodeIdentity.Combine(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }), CodeIdentity.Combine(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" })),
            () => Assert.NotEqual(CodeIdentity.Combine(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }), CodeIdentity.Combine(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" })),
            () => Assert.NotEqual(CodeIdentity.Combine(new Dictionary<string, string> { ["a"] = "1" }), CodeIdentity.Combine(new Dictionary<string, string> { ["b"] = "1" })),
            () => Assert.Null(CodeIdentity.Combine(new Dictionary<string, string>())));

    [Fact]
    public void Globs_match_within_a_name_and_across_folders_with_two_stars()
    {
        Assert.True(CodeGlob.Matches("*.py", "train.py"));
        Assert.False(CodeGlob.Matches("*.py", "pkg/main.py"));
        Assert.True(CodeGlob.Matches("**/*.py", "pkg/main.py"));
        Assert.True(CodeGlob.Matches("**/*.py", "train.py"));
        Assert.True(CodeGlob.Matches("pkg/**", "pkg/a/b.txt"));
        Assert.False(CodeGlob.Matches("pkg/*.py", "pkg/a/b.py"));
        Assert.True(CodeGlob.Matches("t?ain.py", "train.py"));
    }

    [Theory]
    [InlineData("/abs/*.py", "absolute")]
    [InlineData("../other/*.py", "'..'")]
    [InlineData("lib/../../x.py", "'..'")]
    public void A_glob_that_leaves_the_study_is_refused(string glob, string why) => Assert.Contains(why, CodeGlob.Problem(glob));

    [Fact]
    public void A_glob_walk_leaves_out_results_config_and_hidden_folders()
    {
        Write(".venv/lib/site.py", "");
        var record = CodeIdentity.Of(root, ["python3", "train.py"], ["**/*.py", "**/*.yaml"], Skip);
        Assert.Equal(["pkg/main.py", "train.py"], record.Files.Keys);
        Assert.Equal(["**/*.py", "**/*.yaml"], record.Globs);
    }

    [Fact]
    public void A_file_hash_follows_an_edit_of_the_same_size()
    {
        var path = Path.Combine(root, "train.py");
        var before = FileHashes.Of(path);
        File.WriteAllText(path, "print('TRAIN')\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.NotEqual(before, FileHashes.Of(path));
    }
}
