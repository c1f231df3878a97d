using System.Text;
using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Series;

/// <summary>
/// A group of seeds sits at the mean of its members' own places (each by its own scale), a bucket only some members
/// reach at theirs; a member that cannot be placed leaves the group unplaced; the mean step of a log's rows is theirs.
/// </summary>
public sealed class GroupSeriesXTests
{
    private static readonly SeriesQuery Train = new("train", ["loss"], null, null, 2);

    private static GroupSeries Group(params StepBuckets[] members) =>
        new(Train, (0, 20, 10, 2), [19, 19], members.Length, new Dictionary<string, GroupStats>())
        { Each = members.Select((b, i) => (i, b)).ToList() };

    private static StepBuckets Rows(double?[] meanStep, int?[] at) => new([], at, meanStep);

    [Fact]
    public void A_group_sits_at_the_mean_of_its_members_places_and_a_bucket_one_member_reaches_at_its()
    {
        // Seed 0 logged 20 rows, seed 1 stopped after 15.
        var g = Group(Rows([4.5, 14.5], [9, 19]), Rows([4.5, 12], [9, 14]));
        var (mean, last) = g.X(_ => new XScale("samples", 32))!.Value;
        Assert.Equal([5.5 * 32, (15.5 + 13) / 2 * 32], mean);
        Assert.Equal([10 * 32, (20 + 15) / 2.0 * 32], last);
        var alone = Group(Rows([4.5, null], [9, null]), Rows([null, 12], [null, 14]));
        Assert.Equal([5.5 * 32, 13 * 32], alone.X(_ => new XScale("samples", 32))!.Value.Mean);
    }

    [Fact]
    public void Members_of_different_batches_per_epoch_are_each_placed_by_their_own()
    {
        var g = Group(Rows([4.5, null], [9, null]), Rows([4.5, null], [9, null]));
        var (mean, _) = g.X(m => new XScale("epochf", m == 0 ? 0.1 : 0.2))!.Value;
        Assert.Equal((0.55 + 1.1) / 2, mean[0]!.Value, 9);
    }

    [Fact]
    public void A_member_that_cannot_be_placed_leaves_the_group_unplaced() =>
        Assert.Null(Group(Rows([4.5, null], [9, null]), Rows([4.5, null], [9, null])).X(m => m == 0 ? XScale.Step : null));

    [Fact]
    public void The_mean_step_of_a_buckets_rows_is_theirs_for_train_rows_and_for_val_passes()
    {
        // 10 train rows, a val pass of 2 rows after them, 10 more, a val pass of 1 row: one bucket of everything.
        var csv = new StringBuilder("epoch,mode,batch,loss\n");
        for (var e = 1; e <= 2; e++)
        {
            for (var b = 0; b < 10; b++) csv.Append($"{e},train,{b},1\n");
            for (var b = 0; b < (e == 1 ? 2 : 1); b++) csv.Append($"{e},val,{b},1\n");
        }
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, csv.ToString());
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var log = new StepLog();
            Assert.True(log.Refresh(stream, ["loss"]));
            var train = StepBuckets.Of(log, new SeriesQuery("train", ["loss"], null, null, 1), (0, 20, 20, 1));
            var val = StepBuckets.Of(log, new SeriesQuery("val", ["loss"], null, null, 1), (0, 21, 21, 1));
            Assert.Equal(9.5, train.MeanStep[0]);
            Assert.Equal((10 + 10 + 20) / 3.0, val.MeanStep[0]!.Value, 9);
            Assert.Equal(20, val.At[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
