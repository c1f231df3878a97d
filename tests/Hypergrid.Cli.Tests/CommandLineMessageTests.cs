using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>
/// Mistakes on the command line, through the real CLI: a mistyped verb or option names the nearest one, a value that
/// does not parse says in words what was expected, a misnamed folder names its path; exit 2, no type name, no stack.
/// </summary>
public class CommandLineMessageTests
{
    [Theory]
    [InlineData(new[] { "swep" }, "'swep' is not a verb; did you mean 'sweep'?")]
    [InlineData(new[] { "dashbord" }, "'dashbord' is not a verb; did you mean 'dashboard'?")]
    [InlineData(new[] { "reprot" }, "'reprot' is not a verb; did you mean 'report'?")]
    [InlineData(new[] { "xyzzy" }, "'xyzzy' is not a verb; it is one of: sweep, experiment, run,")]
    [InlineData(new string[0], "name a verb: sweep, experiment, run,")]
    [InlineData(new[] { "sweep", "--wrokers", "2" }, "'sweep' has no option '--wrokers'; did you mean '--workers'?")]
    [InlineData(new[] { "report", "--formt", "csv" }, "'report' has no option '--formt'; did you mean '--format'?")]
    [InlineData(new[] { "status", "--trails" }, "'status' has no option '--trails'; did you mean '--trials'?")]
    [InlineData(new[] { "sweep", "--workers", "two" }, "--workers two: 'two' is not a whole number (e.g. --workers 2)")]
    [InlineData(new[] { "dashboard", "--port", "eighty" }, "--port eighty: 'eighty' is not a whole number (e.g. --port 2)")]
    [InlineData(new[] { "report", "--metric" }, "--metric needs a value")]
    public void A_command_line_mistake_says_what_to_type_instead(string[] args, string expected)
    {
        using var study = new Study();
        var (code, output) = study.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("error: " + expected, output);
        Assert.DoesNotContain("System.", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(1, output.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal))); // one mistake, one line
    }

    [Theory]
    [InlineData("sweep/mnistx/cnn/adam", "cfg/sweep/mnistx/: key 'dataset' is 'mnistx'")]
    [InlineData("sweep/synthetic/cnnn/adam", "cfg/sweep/synthetic/cnnn/: key 'model' is 'cnnn'")]
    [InlineData("sweep/synthetic/mlp/adamw", "cfg/sweep/synthetic/mlp/adamw/: key 'trainer' is 'adamw'")]
    public void A_misnamed_folder_is_named_by_its_path(string leaf, string expected)
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\n").Write(leaf, "lr: 0.1\n");
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains(expected, output);
        Assert.False(Directory.Exists(study.Log));
    }
}
