using Hypergrid.Trials.Logs;
using FsCheck.Xunit;
using Hypergrid.Tests;

namespace Hypergrid.Trials.Tests.Logs;

public class EpochAggregatorTests
{
    private static string[] Rows(string batchLog) => SampleLogs.EpochCsv(batchLog)!.TrimEnd('\n').Split('\n');

    [Fact]
    public void Loss_and_acc_are_means_lr_is_last_grad_norm_is_median_time_is_max()
    {
        var rows = Rows("epoch,mode,batch,time,loss,acc,lr,grad_norm\n" +
                        "1,train,0,0.5,1.0,0.25,0.1,3\n" +
                        "1,train,1,1.5,2.0,0.5,0.2,1\n" +
                        "1,train,2,1.0,6.0,0.75,0.3,2\n");
        Assert.Equal("epoch,mode,time,loss,acc,lr,grad_norm,n_batches", rows[0]);
        Assert.Equal("1,train,1.5,3,0.5,0.3,2,3", rows[1]);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var rows = Rows("epoch,mode,batch,error_med\n1,val,0,4\n1,val,1,1\n1,val,2,10\n1,val,3,2\n");
        Assert.Equal("1,val,3,4", rows[1]);
    }

    [Fact]
    public void The_batch_ordinal_is_left_out_and_every_reduction_comes_from_the_schema()
    {
        var rows = Rows(SampleLogs.BatchLog(1, 1, 3, 1.0));
        Assert.Equal("epoch,mode," + string.Join(",", BatchLogSchema.EpochMetrics) + ",n_batches", rows[0]);
        Assert.DoesNotContain(",batch,", rows[0]);
    }

    [Fact]
    public void Empty_cells_are_skipped_and_a_column_with_none_stays_empty()
    {
        var rows = Rows("epoch,mode,batch,loss,grad_norm,iter_budget\n1,train,0,1,,\n1,train,1,,5,\n1,train,2,3,7,\n");
        Assert.Equal("1,train,2,6,,3", rows[1]);
    }

    [Fact]
    public void A_phase_missing_in_some_epochs_gives_rows_only_where_it_exists()
    {
        var rows = Rows("epoch,mode,batch,loss\n1,train,0,1\n1,val,0,2\n2,train,0,3\n3,train,0,4\n3,val,0,5\n");
        Assert.Equal(["1,train,1,1", "1,val,2,1", "2,train,3,1", "3,train,4,1", "3,val,5,1"], rows[1..]);
    }

    [Fact]
    public void Columns_in_another_order_and_unknown_numeric_columns_are_handled_by_name()
    {
        var rows = Rows("loss,my_metric,mode,time,epoch,batch\n1,10,train,2,1,0\n3,20,train,1,1,1\n");
        Assert.Equal("epoch,mode,loss,my_metric,time,n_batches", rows[0]);
        Assert.Equal("1,train,2,15,2,2", rows[1]);
    }

    [Fact]
    public void A_trailing_partial_line_is_ignored()
    {
        var rows = Rows("epoch,mode,batch,loss\n1,train,0,1\n1,train,1,3\n1,train,2,10");
        Assert.Equal("1,train,2,2", rows[1]);
    }

    [Fact]
    public void Feeding_a_log_in_pieces_gives_the_same_result_as_feeding_it_whole()
    {
        var log = SampleLogs.BatchLog(1, 4, 5, 1.0);
        var header = log[..log.IndexOf('\n')];
        var body = log[(log.IndexOf('\n') + 1)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var a = EpochAggregator.ForHeader(header)!;
        a.Add(string.Concat(body.Take(7).Select(l => l + "\n")));
        a.Add(string.Concat(body.Skip(7).Select(l => l + "\n")));
        Assert.Equal(SampleLogs.EpochCsv(log), a.ToTable().ToCsv());
        Assert.Equal(body.Length, a.RowCount);
    }

    [Fact]
    public void A_large_log_split_across_cores_gives_the_same_result_as_one_pass()
    {
        var log = SampleLogs.BatchLog(1, 300, 60, 1.0);
        Assert.True(log.Length > 2 << 20, "large enough to be split into chunks");
        var header = log[..log.IndexOf('\n')];
        var single = EpochAggregator.ForHeader(header)!;
        foreach (var line in log[(header.Length + 1)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)) single.Add(line + "\n");
        Assert.Equal(single.ToTable().ToCsv(), SampleLogs.EpochCsv(log));
    }

    [Property]
    public bool Aggregating_one_batch_per_epoch_is_the_identity(double[] losses)
    {
        var finite = losses.Where(double.IsFinite).ToArray();
        var log = "epoch,mode,batch,loss,lr,grad_norm\n" + string.Concat(finite.Select((l, i) => $"{i + 1},train,0,{l:R},{l:R},{l:R}\n"));
        var rows = SampleLogs.EpochCsv(log)!.TrimEnd('\n').Split('\n').Skip(1).ToArray();
        return rows.Length == finite.Length && rows.Select((r, i) =>
        {
            var cells = r.Split(',');
            return cells.Skip(2).Take(3).All(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture) == finite[i]) && cells[5] == "1";
        }).All(ok => ok);
    }
}

public class FastNumberTests
{
    [Property(MaxTest = 2000)]
    public bool Parsing_equals_double_parse_for_every_round_tripped_double(double d)
    {
        if (!double.IsFinite(d)) return true;
        foreach (var text in new[] { d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ((float)d).ToString("R", System.Globalization.CultureInfo.InvariantCulture), d.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) })
        {
            var expected = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            if (!FastNumber.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var v) || BitConverter.DoubleToInt64Bits(v) != BitConverter.DoubleToInt64Bits(expected))
                throw new Xunit.Sdk.XunitException($"'{text}' parsed as {v:R}, double.Parse gives {expected:R}");
        }
        return true;
    }

    [Theory]
    [InlineData("0.1")] [InlineData("-0")] [InlineData("5E-05")] [InlineData("1e+300")] [InlineData("123456789012345678")] [InlineData("0.30000000000000004")]
    [InlineData("2.220446049250313E-16")] [InlineData(".5")] [InlineData("7.")]
    public void Tricky_numbers_parse_like_double_parse(string text)
    {
        Assert.True(FastNumber.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var v));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(v));
    }

    [Theory]
    [InlineData(".")] [InlineData("-")] [InlineData("abc")] [InlineData("1.2.3")] [InlineData("1e")]
    public void Text_that_is_not_a_number_is_refused(string text) =>
        Assert.False(FastNumber.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out _));
}
