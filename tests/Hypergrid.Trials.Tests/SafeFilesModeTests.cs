namespace Hypergrid.Trials.Tests;

public sealed class SafeFilesModeTests
{
    [Fact]
    public void This_linux_host_opens_beneath_the_root_with_openat2()
    {
        // Linux 5.6 and later have openat2; the documentation says which is used where (docs/files.md).
        var release = Environment.OSVersion.Version;
        Assert.Equal(release >= new Version(5, 6) && Environment.GetEnvironmentVariable("HYPERGRID_NO_OPENAT2") != "1" ? "openat2" : "openat walk", SafeFiles.BeneathMode);
    }

    [Fact]
    public void A_process_that_reads_under_many_roots_reads_under_each_again()
    {
        var roots = Enumerable.Range(0, 70).Select(_ => Directory.CreateTempSubdirectory("hypergrid-roots-").FullName).ToList();
        try
        {
            foreach (var r in roots) File.WriteAllText(Path.Combine(r, "f"), r);
            foreach (var r in roots) Assert.Equal(r, System.Text.Encoding.UTF8.GetString(SafeFiles.ReadAll(r, Path.Combine(r, "f"))!));
            Assert.Equal(roots[0], System.Text.Encoding.UTF8.GetString(SafeFiles.ReadAll(roots[0], Path.Combine(roots[0], "f"))!)); // forgotten, opened again
            Assert.Null(SafeFiles.ReadAll(roots[1], Path.Combine(roots[0], "f"))); // under another root, not this one
        }
        finally
        {
            foreach (var r in roots) Directory.Delete(r, true);
        }
    }

    [Fact]
    public void A_root_removed_and_made_again_is_read_at_once()
    {
        var root = Directory.CreateTempSubdirectory("hypergrid-root-again-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "f"), "first");
            Assert.Equal("first"u8.ToArray(), SafeFiles.ReadAll(root, Path.Combine(root, "f")));
            Directory.Delete(root, true);
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, "f"), "second");
            Assert.Equal("second"u8.ToArray(), SafeFiles.ReadAll(root, Path.Combine(root, "f")));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
