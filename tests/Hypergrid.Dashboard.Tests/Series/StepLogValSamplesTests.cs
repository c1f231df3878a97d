using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Series;

/// <summary>
/// A val row with an empty samples cell is read at the count of the last train row before it, also when the log grows
/// between reads (a running trial: the pass is appended after the train rows were read) and when the samples column
/// is first asked after other metrics were read.
/// </summary>
public sealed class StepLogValSamplesTests : IDisposable
{
    private readonly string path = Path.GetTempFileName();

    public void Dispose() => File.Delete(path);

    private double[] Read(StepLog log, string phase, params string[] metrics)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.True(log.Refresh(stream, metrics));
        return log.Series(phase, XScale.LoggedSamples)?.Values ?? [];
    }

    [Fact]
    public void A_pass_appended_after_its_train_rows_were_read_takes_their_last_count()
    {
        File.WriteAllText(path, "epoch,mode,batch,loss,samples\n1,train,0,1.0,30\n1,train,1,0.9,40\n");
        var log = new StepLog();
        Assert.Equal([30, 40], Read(log, "train", "loss", "samples"));
        File.AppendAllText(path, "1,val,0,0.8,\n1,val,1,0.7,\n2,train,0,0.6,70\n2,val,0,0.5,\n");
        Assert.Equal([40, 40, 70], Read(log, "val", "loss", "samples"));
    }

    [Fact]
    public void A_logged_count_on_a_val_row_is_kept_and_samples_asked_late_fills_alike()
    {
        File.WriteAllText(path, "epoch,mode,batch,loss,samples\n1,train,0,1.0,30\n1,val,0,0.8,\n1,train,1,0.9,40\n1,val,0,0.7,99\n");
        var log = new StepLog();
        Read(log, "train", "loss"); // samples not asked yet
        Assert.Equal([30, 99], Read(log, "val", "loss", "samples"));
    }
}
