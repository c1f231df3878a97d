using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

public class SubmitPlanTests
{
    private static SlurmLimits Limits(int? arraySize = null, int? submit = null, int queued = 0) => new(arraySize, submit, queued, "");

    private static (int Tasks, int Offset, int? Throttle)[] Parts(SubmitPlan p) => [.. p.Parts.Select(x => (x.Tasks, x.Offset, x.Throttle))];

    [Fact]
    public void Without_limits_one_array_of_every_task_is_submitted()
    {
        var plan = SubmitPlan.Of(8, Limits(), null);
        Assert.Equal([(8, 0, (int?)null)], Parts(plan));
        Assert.Equal((8, 0, (string?)null), (plan.Submitted, plan.Held, plan.Why));
    }

    [Theory]
    [InlineData(6, 4, new[] { 4, 2 })]
    [InlineData(8, 4, new[] { 4, 4 })]
    [InlineData(9, 4, new[] { 4, 4, 1 })]
    [InlineData(3, 4, new[] { 3 })]
    public void An_array_larger_than_MaxArraySize_is_split_into_arrays_numbered_on(int tasks, int size, int[] counts)
    {
        var plan = SubmitPlan.Of(tasks, Limits(arraySize: size), null);
        Assert.Equal(counts, plan.Parts.Select(p => p.Tasks));
        Assert.Equal(counts.Select((_, i) => counts.Take(i).Sum()), plan.Parts.Select(p => p.Offset));
        Assert.All(plan.Parts, p => Assert.True(p.Tasks <= size));
        Assert.Equal(0, plan.Held);
    }

    [Theory]
    [InlineData(10, 5, 2, 3, 7)]
    [InlineData(10, 5, 5, 0, 10)]
    [InlineData(10, 5, 9, 0, 10)]
    [InlineData(2, 5, 1, 2, 0)]
    public void Tasks_beyond_the_room_MaxSubmitJobs_leaves_are_held_and_said(int tasks, int most, int queued, int now, int held)
    {
        var plan = SubmitPlan.Of(tasks, Limits(submit: most, queued: queued), null);
        Assert.Equal((now, held), (plan.Submitted, plan.Held));
        if (held > 0) Assert.Equal($"MaxSubmitJobs is {most} and {queued} of your jobs are queued", plan.Why);
        else Assert.Null(plan.Why);
    }

    [Fact]
    public void Both_limits_together_split_what_may_be_submitted_now()
    {
        var plan = SubmitPlan.Of(20, Limits(arraySize: 4, submit: 10, queued: 1), null);
        Assert.Equal([4, 4, 1], plan.Parts.Select(p => p.Tasks));
        Assert.Equal(11, plan.Held);
    }

    [Fact]
    public void A_throttle_sets_the_arrays_percent_and_split_arrays_share_it_never_adding_up_to_more()
    {
        Assert.Equal([(6, 0, (int?)2)], Parts(SubmitPlan.Of(6, Limits(), 2)));
        Assert.Equal([(3, 0, (int?)null)], Parts(SubmitPlan.Of(3, Limits(), 5))); // no fewer at once than it has: no %
        Assert.Equal([(4, 0, (int?)2), (4, 4, (int?)1)], Parts(SubmitPlan.Of(8, Limits(arraySize: 4), 3)));
        var tight = SubmitPlan.Of(9, Limits(arraySize: 4), 2);
        Assert.Equal([(4, 0, (int?)1), (4, 4, (int?)1)], Parts(tight));
        Assert.Equal(1, tight.Held);
        Assert.Contains("the throttle 2", tight.Why);
    }
}
