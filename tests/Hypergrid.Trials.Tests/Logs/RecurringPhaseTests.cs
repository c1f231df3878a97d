using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A log whose phases recur within an epoch (a program validating every few batches, or alternating every row) is
/// aggregated in work linear in its rows: a group that recurs is not reduced again each time another phase interrupts it
/// (its medians selected over every value so far at each switch made such logs quadratic: 10 s for 300,000 rows).
/// </summary>
public class RecurringPhaseTests
{
    private static byte[] Log(int rows, int valEvery)
    {
        var text = new StringBuilder("epoch,mode,batch,loss,grad_norm\n");
        for (var i = 0; i < rows; i++)
        {
            var mode = (i + 1) % valEvery == 0 ? "val" : "train";
            text.Append("1,").Append(mode).Append(',').Append(i).Append(",0.").Append(i % 97 + 1).Append(',').Append(i % 13 + 1).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Theory]
    [InlineData(20_000, 50)] // a val row every 50 batches
    [InlineData(20_000, 2)]  // phases alternating every row
    public void Median_values_selected_grow_with_the_rows_not_with_their_square(int rows, int valEvery)
    {
        EpochGroup.ValuesSelected = 0;
        var table = EpochAggregator.FromBytes(Log(rows, valEvery))!;
        Assert.Equal(2, table.Phases.Count);
        // Every value is selected about once at the end (and a group reduced on closing, once): linear, a few times the rows.
        Assert.InRange(EpochGroup.ValuesSelected, rows, 3L * rows);
    }

    [Fact]
    public void A_recurring_group_still_reduces_over_all_its_rows()
    {
        var table = EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(
            "epoch,mode,batch,loss,grad_norm\n1,train,0,1,1\n1,val,0,5,5\n1,train,1,3,9\n1,val,1,7,7\n1,train,2,5,2\n"))!;
        Assert.Equal(3.0, table.Get(0, "loss"));      // train: mean of 1, 3, 5
        Assert.Equal(2.0, table.Get(0, "grad_norm")); // train: median of 1, 9, 2
        Assert.Equal(6.0, table.Get(1, "loss"));      // val: mean of 5, 7
        Assert.Equal(3.0, table.Get(0, "n_batches"));
    }
}
