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
}
