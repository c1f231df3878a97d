using Hypergrid.Running.Programs;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A program's log with a header over 8 KiB (hundreds of per-class columns), a byte-order mark or quoted cells: the worker's tail
/// follows it, the worker accepts it, and what it accepted is complete everywhere after (never "damaged", never retrained).
/// </summary>
public class ForeignLogRunTests
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    [Theory]
    [InlineData("long")]
    [InlineData("bom-long")]
    [InlineData("quoted-comma")]
    public void A_log_the_worker_accepted_is_complete_in_status_and_not_trained_again(string kind)
    {
        using var study = new Study()
            .WriteFile("log.csv", SampleLogs.Foreign(kind))
            .WriteFile("prog.py", "import os\nopen(os.environ['HYPERGRID_BATCH_LOG'], 'ab').write(open('log.csv', 'rb').read())\n")
            .Write("", "command: python3 prog.py\nseed: 0\n").Write(Leaf, "lr: 1");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        var status = study.Run("status", "--trials").Output;
        Assert.Contains($"complete {Leaf}/trial_000", status);
        Assert.DoesNotContain($"damaged  {Leaf}", status);
        var result = File.ReadAllBytes(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog));
        var again = study.Run("sweep", "--rerun-damaged");
        Assert.Contains("nothing to train", again.Output);
        Assert.Equal(result, File.ReadAllBytes(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog)));
        Assert.False(Directory.Exists(Path.Combine(study.Trial(Leaf, 0), TrialFiles.Previous)));
        Assert.True(study.Run("report", "--metric", "val_loss").Code == 0);
    }

    [Theory]
    [InlineData("bom")]
    [InlineData("bom-crlf")]
    [InlineData("huge")]
    [InlineData("quoted")]
    [InlineData("quoted-comma")]
    public void The_tail_reads_where_training_is_in_any_log_the_worker_accepts(string kind)
    {
        var path = Path.GetTempFileName();
        try
        {
            var log = SampleLogs.Foreign(kind);
            var tail = new LogTail(path);
            // Written in two pieces, the first ending inside the header: the tail waits for the whole line.
            var cut = log.IndexOf("mode", StringComparison.Ordinal) + 2;
            File.WriteAllText(path, log[..cut]);
            Assert.False(tail.Poll());
            File.AppendAllText(path, log[cut..]);
            Assert.True(tail.Poll());
            Assert.Equal((2, 1, 1.0), (tail.Epoch, tail.Batch, tail.Loss));
        }
        finally { File.Delete(path); }
    }
}
