using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

// An epoch log read from its file finds a cell in its row only when asked (a report reads one or two per log): every
// answer must be what the whole table, split at once, gives.
public class LazyEpochTableTests
{
    private const string Csv =
        "epoch,mode,loss,acc,n_batches\n" +
        "1,train,0.9,0.5,10\n" +
        "1,val,0.8,0.6,2\n" +
        "2,train,0.7,,10\n" +
        "2,val,0.6,0.7,2\n" +
        "3,train,\"0.5\",0.8,10\n" + // a quoted cell is its text between the quotes
        "3,val,0.4,,2\n" +             // the last val row has no acc
        "4,val,0.3\n";                 // another width: not a row

    private static EpochTable Parsed() => EpochTable.Parse(Encoding.UTF8.GetBytes(Csv))!;

    private static EpochTable Whole()
    {
        var t = Parsed();
        return new EpochTable(t.Columns, t.Epochs, t.Phases, t.Values); // every cell split and parsed at once
    }

    [Theory]
    [InlineData("val", "acc", "final", 0.7)]   // the last val row with an acc, not the last val row
    [InlineData("val", "loss", "final", 0.4)]
    [InlineData("train", "loss", "final", 0.5)] // from the quoted cell
    [InlineData("train", "acc", "best", 0.8)]
    [InlineData("val", "loss", "best", 0.4)]
    public void A_value_read_from_the_end_is_the_whole_tables(string phase, string column, string reduce, double expected)
    {
        var goal = column == "acc" ? "max" : "min";
        Assert.Equal(expected, Parsed().Value(phase, column, reduce, goal));
        Assert.Equal(Whole().Value(phase, column, reduce, goal), Parsed().Value(phase, column, reduce, goal));
    }

    [Fact]
    public void Rows_cells_and_final_metrics_are_the_whole_tables()
    {
        Assert.Equal(6, Parsed().Rows);
        Assert.Equal(Whole().Values, Parsed().Values);
        Assert.Null(Parsed().Get(5, "acc"));
        Assert.Equal(Whole().FinalMetrics(), Parsed().FinalMetrics());
        Assert.Null(Parsed().Value("val", "missing_column", "final", "max"));
    }

    [Theory]
    [InlineData("1,val,0.8,0.6,2\n2,val,NaN,0.7,2\n", true)]
    [InlineData("1,val,NaN,0.6,2\n2,val,0.5,0.7,2\n", false)]  // recovered: the last loss decides
    [InlineData("1,val,Infinity,0.6,2\n2,val,,0.7,2\n", true)] // the last loss there is, not the last row
    [InlineData("1,train,NaN,0.6,2\n", true)]                   // no val rows: the train loss
    public void Diverged_reads_the_last_loss_of_the_val_phase_from_the_end(string rows, bool diverged)
    {
        var table = EpochTable.Parse(Encoding.UTF8.GetBytes("epoch,mode,loss,acc,n_batches\n" + rows))!;
        Assert.Equal(diverged, table.Diverged);
        Assert.Equal(diverged, new EpochTable(table.Columns, table.Epochs, table.Phases, table.Values).Diverged);
    }
}
