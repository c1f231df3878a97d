using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>A last epoch is closed when it has as many rows of each phase as the epoch before it.</summary>
public class LastEpochTests
{
    private static EpochTable Log(params (int Epoch, string Phase, int Rows)[] parts)
    {
        var csv = new StringBuilder("epoch,mode,batch,loss\n");
        foreach (var (epoch, phase, rows) in parts)
            for (var i = 0; i < rows; i++) csv.Append($"{epoch},{phase},{i},0.5\n");
        return EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(csv.ToString()))!;
    }

    [Fact]
    public void An_epoch_with_every_phase_and_row_count_of_the_one_before_is_closed()
    {
        Assert.Null(LastEpoch.NotClosed(Log((1, "train", 4), (1, "val", 2), (2, "train", 4), (2, "val", 2))));
        Assert.Null(LastEpoch.NotClosed(Log((1, "train", 4), (2, "train", 4), (3, "train", 5))));
    }

    [Fact]
    public void Fewer_train_rows_than_the_epoch_before_leave_it_open()
    {
        Assert.Equal("epoch 2 has 3 train rows of the 4 epoch 1 had", LastEpoch.NotClosed(Log((1, "train", 4), (1, "val", 2), (2, "train", 3))));
        Assert.Equal("epoch 3 has 1 train rows of the 4 epoch 2 had", LastEpoch.NotClosed(Log((1, "train", 4), (2, "train", 4), (3, "train", 1))));
    }

    [Fact]
    public void A_missing_or_short_val_pass_leaves_it_open()
    {
        Assert.Equal("epoch 2 has no val rows (epoch 1 had 2)", LastEpoch.NotClosed(Log((1, "train", 4), (1, "val", 2), (2, "train", 4))));
        Assert.Equal("epoch 2 has 1 val rows of the 2 epoch 1 had", LastEpoch.NotClosed(Log((1, "train", 4), (1, "val", 2), (2, "train", 4), (2, "val", 1))));
    }

    [Fact]
    public void A_first_epoch_or_an_empty_log_is_never_taken_as_closed()
    {
        Assert.Contains("epoch 1 is the log's first", LastEpoch.NotClosed(Log((1, "train", 4), (1, "val", 2))));
        Assert.NotNull(LastEpoch.NotClosed(null));
    }
}
