namespace Hypergrid.Trials.Tests;

public sealed class ClockSkewTests
{
    [Fact]
    public void A_difference_within_five_seconds_is_not_said_and_a_larger_one_is_said_with_its_size_and_direction()
    {
        Assert.Null(ClockSkew.Describe(TimeSpan.FromSeconds(4.9), "out/log"));
        Assert.Null(ClockSkew.Describe(TimeSpan.FromSeconds(-4.9), "out/log"));
        Assert.Contains("is 120.0 s ahead of the time stamped on files in out/log", ClockSkew.Describe(TimeSpan.FromSeconds(120), "out/log"));
        Assert.Contains("is 30.5 s behind the time stamped on files in out/log", ClockSkew.Describe(TimeSpan.FromSeconds(-30.5), "out/log"));
    }

    [Fact]
    public void A_local_folder_stamps_files_with_this_hosts_clock()
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-skew-").FullName;
        try
        {
            var skew = ClockSkew.Measure(dir);
            Assert.NotNull(skew);
            Assert.True(skew.Value.Duration() < TimeSpan.FromSeconds(1), $"{skew}");
            Assert.Empty(Directory.GetFileSystemEntries(dir));          // the probe is gone
            Assert.Null(ClockSkew.Measure(Path.Combine(dir, "missing")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
