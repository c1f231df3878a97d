using Hypergrid.Dashboard.Api;

namespace Hypergrid.Dashboard.Tests.Api;

public class SafePathTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-safe-").FullName;

    public SafePathTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "log", "a"));
        File.WriteAllText(Path.Combine(root, "log", "a", "ok.csv"), "x");
        File.WriteAllText(Path.Combine(root, "secret.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(root, "log", "a", "out.csv"), Path.Combine(root, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "log", "a", "in.csv"), Path.Combine(root, "log", "a", "ok.csv"));
        Directory.CreateSymbolicLink(Path.Combine(root, "log", "up"), root);
        // Leaf folders are named by cfg files: a trainer's label (`promote --top` writes adam@hidden=256.yaml) and any name a file may have.
        foreach (var leaf in Named) { Directory.CreateDirectory(Path.Combine(root, "log", leaf)); File.WriteAllText(Path.Combine(root, "log", leaf, "ok.csv"), "x"); }
        Directory.CreateSymbolicLink(Path.Combine(root, "log", "adam@out=1"), root);
    }

    private static readonly string[] Named = ["adam@hidden=256", "adam@lr=0.001,hidden=256", "my run+v2", "résumé", "a'b\"c", "x:y;z!~", "keep50%", "%2e%2e", "x%2Fy"];

    public void Dispose() => Directory.Delete(root, true);

    private string Log => Path.Combine(root, "log");

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("a/../../secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/out.csv")]
    [InlineData("up/secret.txt")]
    [InlineData("a\\..\\..\\secret.txt")]
    [InlineData("")]
    [InlineData("adam@out=1/secret.txt")]
    [InlineData("a/ok.csv\u0000")]
    [InlineData("a\u0001/ok.csv")]
    [InlineData("a/./ok.csv")]
    public void Paths_that_leave_the_root_are_refused(string path) => Assert.Null(SafePath.Resolve(Log, path));

    [Theory]
    [InlineData("a/ok.csv")]
    [InlineData("a/in.csv")]
    [InlineData("adam@hidden=256/ok.csv")]
    [InlineData("adam@lr=0.001,hidden=256/ok.csv")]
    [InlineData("my run+v2/ok.csv")]
    [InlineData("résumé/ok.csv")]
    [InlineData("a'b\"c/ok.csv")]
    [InlineData("x:y;z!~/ok.csv")]
    [InlineData("keep50%/ok.csv")]
    [InlineData("%2e%2e/ok.csv")]
    [InlineData("x%2Fy/ok.csv")]
    public void Paths_inside_the_root_are_served(string path) => Assert.NotNull(SafePath.Resolve(Log, path));

    /// <summary>A path reaches SafePath decoded once (the route's, or a JSON string's) and is never decoded again: an escape in a name is the name's.</summary>
    [Theory]
    [InlineData("%2e%2e/secret.txt")]
    [InlineData("%2e%2e/ok.csv")]
    [InlineData("x%2Fy/ok.csv")]
    public void A_percent_escape_is_part_of_the_name_never_a_way_out(string path) =>
        Assert.Equal(Path.Combine(Log, path), SafePath.Resolve(Log, path));
}
