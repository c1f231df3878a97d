using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// The one reader of batch logs (<see cref="BatchLogHeader"/> and <see cref="BatchLogLine"/>), through which the check,
/// the epoch aggregation, the epoch table, the step series and the live tail all read: quoted cells, ragged rows, a row
/// cut mid-write at the end, a header alone, a byte-order mark.
/// </summary>
public sealed class BatchLogLineTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string[] Cells(string line)
    {
        var rest = (ReadOnlySpan<byte>)Bytes(line);
        var width = BatchLogLine.Width(rest);
        var cells = new string[width];
        for (var c = 0; c < width; c++) cells[c] = Encoding.UTF8.GetString(BatchLogLine.Cell(ref rest));
        return cells;
    }

    [Theory]
    [InlineData("1,train,0,0.5", new[] { "1", "train", "0", "0.5" })]
    [InlineData("\"1\",\"train\",\"0\",\"0.5\"", new[] { "1", "train", "0", "0.5" })]
    [InlineData("1,train,0,\"lr=0.1, wd=0\"", new[] { "1", "train", "0", "lr=0.1, wd=0" })]
    [InlineData("1,\"a,b,c\",,\"\"", new[] { "1", "a,b,c", "", "" })]
    [InlineData("1,train,", new[] { "1", "train", "" })]
    public void A_quoted_cell_is_its_text_and_a_comma_inside_quotes_splits_nothing(string line, string[] cells) =>
        Assert.Equal(cells, Cells(line));

    [Theory]
    [InlineData("\"say \"\"hi\"\"\",1", "say \"hi\"")]
    [InlineData("\"\"\"\",1", "\"")]
    public void A_doubled_quote_inside_quotes_is_one_quote_in_a_name(string header, string first) =>
        Assert.Equal(first, BatchLogHeader.Read(Bytes(header + "\n"))!.Names[0]);

    [Theory]
    [InlineData("\"epoch\",\"mode\",\"batch\",\"loss\"\n")]
    [InlineData("\uFEFF\"epoch\",mode,\"batch\",loss\r\n")]
    [InlineData("\uFEFFepoch,mode,batch,loss\n")]
    public void A_header_is_read_with_or_without_quotes_a_mark_or_a_CR(string header)
    {
        var read = BatchLogHeader.Read(Bytes(header))!;
        Assert.Equal(["epoch", "mode", "batch", "loss"], read.Names);
        Assert.Equal((0, 1, 2), (read.Epoch, read.Phase, read.Batch));
        Assert.Equal(Bytes(header).Length, read.Length);
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,train,1,0.7\n", 0.6, 2)]
    [InlineData("\"epoch\",\"mode\",\"batch\",\"loss\"\n\"1\",\"train\",\"0\",\"0.5\"\n\"1\",\"train\",\"1\",\"0.7\"\n", 0.6, 2)]
    [InlineData("epoch,mode,batch,loss,note\n1,train,0,0.5,\"a, b\"\n1,train,1,0.7,\"c\"\n", 0.6, 2)]
    public void Quoted_logs_reduce_as_unquoted_ones_and_pass_the_check(string log, double mean, int batches)
    {
        Assert.Null(BatchLogCheck.Problem(Bytes(log), out var valid));
        Assert.Equal(Bytes(log).Length, valid);
        var table = EpochAggregator.FromBytes(Bytes(log))!;
        Assert.Equal(["train"], table.Phases);
        Assert.Equal(mean, table.Get(0, "loss")!.Value, 12);
        Assert.Equal(batches, table.Get(0, EpochTable.BatchesColumn));
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,train,1\n1,train,2,0.7\n", "line 3 has 3 cells, the header 4")]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,train,1,0.6,9\n1,train,2,0.7\n", "line 3 has 5 cells, the header 4")]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,train,1,\"0,6\",9\n1,train,2,0.7\n", "line 3 has 5 cells, the header 4")]
    public void A_ragged_row_is_named_by_the_check_and_left_out_by_the_aggregation(string log, string problem)
    {
        Assert.Equal(problem, BatchLogCheck.Problem(Bytes(log), out _));
        var table = EpochAggregator.FromBytes(Bytes(log))!;
        Assert.Equal(2, table.Get(0, EpochTable.BatchesColumn));
        Assert.Equal(0.6, table.Get(0, "loss")!.Value, 12);
    }

    [Theory]
    [InlineData("1,train,2,0.")]
    [InlineData("1,tr")]
    [InlineData("1,train,2,\"0.9")]
    [InlineData("1,train,2,0.9\r")]
    public void A_row_cut_mid_write_at_the_end_is_not_a_row_to_any_reader(string cut)
    {
        var whole = "epoch,mode,batch,loss\n1,train,0,0.5\n1,train,1,0.7\n";
        var log = Bytes(whole + cut);
        Assert.Null(BatchLogCheck.Problem(log, out var valid));
        Assert.Equal(Bytes(whole).Length, valid);
        var table = EpochAggregator.FromBytes(log)!;
        Assert.Equal(2, table.Get(0, EpochTable.BatchesColumn));
        Assert.Equal(1, EpochTable.Parse(Bytes("epoch,mode,loss\n1,train,0.5\n2,train,0." ))!.Rows);
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss\n")]
    [InlineData("\uFEFF\"epoch\",\"mode\",\"batch\",\"loss\"\r\n")]
    public void A_header_alone_has_no_rows_for_any_reader(string log)
    {
        Assert.Equal("it has a header but no rows", BatchLogCheck.Problem(Bytes(log), out _));
        Assert.Equal(0, EpochAggregator.FromBytes(Bytes(log))!.Rows);
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss")]
    [InlineData("\uFEFFepoch,mode,ba")]
    public void A_header_cut_mid_write_is_no_header_yet(string log)
    {
        Assert.Null(BatchLogHeader.Read(Bytes(log)));
        Assert.Equal("it has no complete header line", BatchLogCheck.Problem(Bytes(log), out _));
        Assert.Null(EpochAggregator.FromBytes(Bytes(log)));
    }

    [Theory]
    [InlineData("\uFEFFepoch,mode,batch,loss\n1,train,0,0.5\n")]
    [InlineData("\uFEFFepoch,mode,batch,loss\r\n1,train,0,0.5\r\n")]
    public void A_byte_order_mark_is_not_part_of_the_first_name(string log)
    {
        Assert.Null(BatchLogCheck.Problem(Bytes(log), out _));
        Assert.Equal(1, EpochAggregator.FromBytes(Bytes(log))!.Rows);
    }
}
