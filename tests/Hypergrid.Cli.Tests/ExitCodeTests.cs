using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>Every mistake in how Hypergrid is called is one clear message and exit code 2, never a stack trace.</summary>
public class ExitCodeTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("sweep", "--no-such-flag")]
    [InlineData("sweep", "--workers", "abc")]
    [InlineData("dashboard", "--port", "99999")]
    [InlineData("dashboard", "--host", "999.1.1.1")]
    [InlineData("dashboard", "--host", "http://x")]
    [InlineData("worker", "--manifest", "no-such-manifest.txt")]
    [InlineData("data", "fetch", "mnist", "--checksums", "no-such-file.md5")]
    [InlineData("data", "fetch", "mnist", "--from", "not a url")]
    [InlineData("expand", "--max-trials", "0")]
    public void A_bad_command_line_is_one_clear_message_and_exit_2(params string[] args)
    {
        using var study = new Study().Write("", "seed: 0\n").Write("sweep/synthetic/mlp/adam", "lr: 0.1\n");
        var (code, output) = study.Run(args);
        Assert.True(code == 2, output);
        Assert.Contains("error", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("out-is-a-file")]
    [InlineData("cfg/inside")]
    public void An_out_folder_that_is_a_file_or_inside_the_tree_is_refused_up_front(string outDir)
    {
        using var study = new Study().Write("", "seed: 0\n").Write("sweep/synthetic/mlp/adam", "lr: 0.1\n");
        File.WriteAllText(Path.Combine(study.Root, "out-is-a-file"), "");
        var (code, output) = study.Run("expand", "--out", outDir);
        Assert.True(code == 2, output);
        Assert.Contains("--out", output);
    }

    [Fact]
    public void Errors_in_several_files_are_sorted_by_file_and_line()
    {
        using var study = new Study().Write("", "seed: 0\n")
            .Write("sweep/synthetic/mlp/sgd", "lr: fast\nmomentum: 2\n")
            .Write("sweep/synthetic/mlp/adam", "beta1: 7\nlr: -1\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        var lines = output.Split('\n').Where(l => l.StartsWith("cfg", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(lines.OrderBy(l => l, StringComparer.Ordinal), lines);
    }
}
