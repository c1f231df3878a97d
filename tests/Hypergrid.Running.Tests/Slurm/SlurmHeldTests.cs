using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

public sealed class SlurmHeldTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("hypergrid-held-").FullName;

    private string Submission(string id) => Directory.CreateDirectory(Path.Combine(outDir, "slurm", id)).FullName;

    [Fact]
    public void Status_says_what_a_submission_holds_and_why_and_what_to_do()
    {
        SlurmHeld.Write(Submission("20261206-0900-1"), 7, "MaxSubmitJobs is 10 and 10 of your jobs are queued");
        var line = Assert.Single(SlurmHeld.Lines(outDir));
        Assert.StartsWith("7 Slurm task(s) of submission 20261206-0900-1 wait to be submitted (MaxSubmitJobs is 10 and 10 of your jobs are queued)", line);
        Assert.Contains("run the same command again", line);
    }

    [Fact]
    public void A_later_submission_clears_what_earlier_ones_held_but_keeps_its_own()
    {
        SlurmHeld.Write(Submission("a"), 3, "x");
        var later = Submission("b");
        SlurmHeld.ClearOthers(later);
        Assert.Empty(SlurmHeld.Lines(outDir));
        SlurmHeld.Write(later, 2, "y");
        SlurmHeld.ClearOthers(later);
        Assert.Single(SlurmHeld.Lines(outDir));
    }

    [Fact]
    public void Without_submissions_nothing_is_said() => Assert.Empty(SlurmHeld.Lines(Path.Combine(outDir, "none")));

    public void Dispose() => Directory.Delete(outDir, recursive: true);
}
