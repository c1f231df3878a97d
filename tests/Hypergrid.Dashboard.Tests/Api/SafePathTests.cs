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
    }

    public void Dispose() => Directory.Delete(root, true);

    private string Log => Path.Combine(root, "log");

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("a/../../secret.txt")]
    [InlineData("%2e%2e/secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/out.csv")]
    [InlineData("up/secret.txt")]
    [InlineData("a\\..\\..\\secret.txt")]
    [InlineData("")]
    public void Paths_that_leave_the_root_are_refused(string path) => Assert.Null(SafePath.Resolve(Log, path));

    [Theory]
    [InlineData("a/ok.csv")]
    [InlineData("a/in.csv")]
    public void Paths_inside_the_root_are_served(string path) => Assert.NotNull(SafePath.Resolve(Log, path));
}
