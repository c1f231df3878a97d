using Hypergrid.Running.Doctor;
using Hypergrid.Tests;

namespace Hypergrid.Running.Tests.Doctor;

/// <summary>hypergrid doctor on this filesystem, on one made poorer by a preloaded shim, and with a clock shifted.</summary>
public class SharedFolderDoctorTests
{
    [Fact]
    public void On_a_local_filesystem_every_property_holds_and_doctor_exits_0_leaving_nothing_behind()
    {
        using var study = new Study();
        var (code, output) = study.Run("doctor");
        Assert.True(code == 0, output);
        foreach (var name in new[] { "exclusive create (O_EXCL)", "rename over a file", "append (O_APPEND)", "close-to-open", "clock", "flock" })
            Assert.Matches($@"\n  ok\s+{System.Text.RegularExpressions.Regex.Escape(name)}\s", output);
        Assert.Contains("every property Hypergrid needs holds here", output);
        Assert.Empty(Directory.GetFileSystemEntries(study.Log));
    }

    [Theory]
    [InlineData("enolck", "note  flock", "fails (ENOLCK")]
    [InlineData("noop", "note  flock", "does not exclude")]
    public void A_flock_that_fails_or_does_not_lock_is_noted_and_not_required(string mode, string mark, string detail)
    {
        using var study = new Study();
        var (code, output) = study.RunWith(FilesystemShim.Environment(mode), "doctor");
        Assert.True(code == 0, output);
        Assert.Contains(mark, output);
        Assert.Contains(detail, output);
    }

    [Fact]
    public void A_filesystem_without_exclusive_create_fails_doctor_with_exit_1()
    {
        using var study = new Study();
        var (code, output) = study.RunWith(FilesystemShim.Environment("noexcl"), "doctor");
        Assert.Equal(1, code);
        Assert.Contains("FAIL  exclusive create (O_EXCL)", output);
        Assert.Contains("NOT usable for workers sharing it: exclusive create (O_EXCL) failed", output);
    }

    [Theory]
    [InlineData("+30s", "30.0 s ahead of")]
    [InlineData("-45s", "45.0 s behind")]
    public void A_clock_off_from_the_file_times_is_noted_with_its_size(string clock, string said)
    {
        using var study = new Study();
        var (code, output) = SimulatedNode.Run(study, "node-c", clock, new Dictionary<string, string>(), "doctor");
        Assert.True(code == 0, output);
        Assert.Contains($"note  clock", output);
        Assert.Contains($"this host is {said} the time stamped on files", output);
        Assert.Contains("on node-c", output);
    }

    [Fact]
    public void The_verdict_names_every_required_property_that_failed()
    {
        var text = SharedFolderDoctor.Describe("/x/out/log",
            [new("append (O_APPEND)", true, false, "lost"), new("rename over a file", true, true, "ok"), new("flock", false, false, "fails")]);
        Assert.Contains("FAIL  append (O_APPEND)", text);
        Assert.Contains("note  flock", text);
        Assert.Contains("NOT usable for workers sharing it: append (O_APPEND) failed", text);
    }
}
