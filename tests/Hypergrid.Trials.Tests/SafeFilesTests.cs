using System.Diagnostics;

namespace Hypergrid.Trials.Tests;

public sealed class SafeFilesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-safe-").FullName;
    private string Log => Path.Combine(root, "log");

    public SafeFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(Log, "trial"));
        File.WriteAllText(Path.Combine(Log, "trial", "run.json"), "{}");
        Directory.CreateDirectory(Path.Combine(root, "outside"));
        File.WriteAllText(Path.Combine(root, "outside", "secret"), "not for you");
    }

    public void Dispose() => Directory.Delete(root, true);

    private static void MkFifo(string path)
    {
        using var p = Process.Start("mkfifo", path);
        p.WaitForExit();
    }

    [Fact]
    public void A_regular_file_under_the_root_is_read() =>
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(SafeFiles.ReadAll(Log, Path.Combine(Log, "trial", "run.json"))!));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_reached_through_a_link_to_a_link_that_leaves_the_root_reads_as_absent(bool absolute)
    {
        var hop = Path.Combine(Log, "hop");
        Directory.CreateSymbolicLink(hop, absolute ? Path.Combine(root, "outside") : Path.Combine("..", "outside"));
        File.CreateSymbolicLink(Path.Combine(Log, "trial", "worker.log"), absolute ? Path.Combine(hop, "secret") : Path.Combine("..", "hop", "secret"));
        Assert.Null(SafeFiles.Open(Log, Path.Combine(Log, "trial", "worker.log")));
        Assert.Null(SafeFiles.Open(Log, Path.Combine(hop, "secret")));
    }

    [Fact]
    public void A_link_that_stays_under_the_root_is_followed()
    {
        File.CreateSymbolicLink(Path.Combine(Log, "trial", "alias.json"), "run.json");
        Assert.NotNull(SafeFiles.ReadAll(Log, Path.Combine(Log, "trial", "alias.json")));
    }

    [Fact]
    public void A_fifo_is_not_a_regular_file_and_is_never_opened()
    {
        var fifo = Path.Combine(Log, "trial", "batch_log.partial.csv");
        MkFifo(fifo);
        Assert.False(SafeFiles.IsRegularFile(fifo));
        Assert.Null(SafeFiles.Open(Log, fifo));
    }

    [Fact]
    public async Task A_fifo_named_batch_log_makes_the_trial_damaged_without_hanging_its_reader()
    {
        var dir = Path.Combine(Log, "trial");
        MkFifo(Path.Combine(dir, TrialFiles.BatchLog));
        var read = Task.Run(() => TrialRecord.Read(dir, new TrialId("sweep", "d", "m", "t", 0), (string?)null));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Equal(TrialState.Damaged, (await read).State);
    }
}
