using System.Text;
using Hypergrid.Tests;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// Logs with a long header or a byte-order mark, read through every reader of this library from real files: what the
/// worker's check accepts, status finds complete and the epoch log reduces the same way.
/// </summary>
public sealed class ForeignLogTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-foreign-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    public static TheoryData<string> Kinds => [.. SampleLogs.ForeignKinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_log_the_check_accepts_is_complete_in_status_and_reduced_by_the_epoch_log(string kind)
    {
        var bytes = Encoding.UTF8.GetBytes(SampleLogs.Foreign(kind));
        Assert.Null(BatchLogCheck.Problem(bytes, out var valid));
        Assert.Equal(bytes.Length, valid);

        File.WriteAllBytes(Path.Combine(dir, TrialFiles.BatchLog), bytes);
        new RunRecord { Status = RunStatus.Complete }.Write(dir);
        var record = TrialRecord.Read(dir, new TrialId("sweep", "d", "m", "t", 0), (string?)null);
        Assert.True(record.State == TrialState.Complete, $"{record.State}: {record.Note}");

        var table = EpochLogFile.Load(dir, dir)!.Value.Table;
        Assert.Equal(["train", "val", "train", "val"], table.Phases);
        Assert.Equal(0.5, table.Get(3, "loss"));
        Assert.Equal(2, table.Get(2, EpochTable.BatchesColumn));
        if (kind is "long" or "huge" or "bom-long") Assert.Equal(0.5, table.Get(1, "acc_class_0000"));
    }

    [Theory]
    [InlineData("\uFEFFepoch,mode,batch\n", "no rows")]
    [InlineData("\uFEFFepoch,mode\n1,train\n", "lacks batch")]
    [InlineData("epoch,mode,batch,loss,loss\n1,train,0,1,1\n", "names 'loss' twice")]
    [InlineData("\uFEFFepoch,mode,batch,loss\n1,train,0\n", "line 2 has 3 cells")]
    public void A_bad_log_is_refused_for_what_it_is_with_or_without_a_mark(string log, string problem) =>
        Assert.Contains(problem, BatchLogCheck.Problem(Encoding.UTF8.GetBytes(log), out _));

    [Theory]
    [InlineData("epoch,mode,batch\n1,train,0\n1,train\n1,train,0,9\n1,val,0\n", 2)]
    [InlineData("\uFEFFepoch,mode,batch\r\n1,train,0\r\n1,val,0\r\n", 2)]
    public void Every_reader_splits_rows_the_same_way(string log, int rows)
    {
        var table = EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(log))!;
        Assert.Equal(rows, table.Rows);
    }
}
