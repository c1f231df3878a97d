using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A program may name a column with a comma or a quote in double quotes (the batch log's reader reads them); the epoch
/// table written from such a log reads back with the same columns and every row, never as an empty table.
/// </summary>
public sealed class QuotedColumnNameTests
{
    [Theory]
    [InlineData("\"loss,ema\"", "loss,ema")]
    [InlineData("\"top \"\"5\"\"\"", "top \"5\"")]
    [InlineData("\"a,b,c\"", "a,b,c")]
    public void An_epoch_table_with_a_quoted_column_name_reads_back_whole_from_its_csv(string header, string name)
    {
        var log = $"epoch,mode,batch,loss,{header}\n1,train,0,0.5,0.25\n1,train,1,0.7,0.75\n1,val,0,0.4,0.5\n2,train,0,0.3,0.125\n";
        var built = EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(log))!;
        Assert.Contains(name, built.Columns);

        var read = EpochTable.Parse(Encoding.UTF8.GetBytes(built.ToCsv()))!;

        Assert.Equal(built.Columns, read.Columns);
        Assert.Equal(built.Rows, read.Rows);
        Assert.Equal(3, read.Rows);
        for (var r = 0; r < read.Rows; r++) Assert.Equal(built.Get(r, name), read.Get(r, name));
        Assert.Equal(0.5, read.Get(0, name));
    }
}
