using Hypergrid.Training.Trainers;

namespace Hypergrid.Training.Tests.Trainers;

public class LrScheduleTests
{
    [Fact]
    public void Warm_up_rises_linearly_to_the_peak_rate()
    {
        var s = new LrSchedule("constant", 0.1, WarmupSteps: 4, StepSize: 1, Gamma: 0.1, MinLr: 0);
        Assert.Equal([0.025, 0.05, 0.075, 0.1, 0.1], Enumerable.Range(0, 5).Select(step => Math.Round(s.At(step, 0, 100), 12)));
    }

    [Fact]
    public void Step_decay_multiplies_by_gamma_every_step_size_epochs()
    {
        var s = new LrSchedule("step", 1.0, 0, StepSize: 2, Gamma: 0.5, MinLr: 0);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.25], Enumerable.Range(0, 5).Select(epoch => s.At(epoch * 10, epoch, 50)));
    }

    [Fact]
    public void Cosine_goes_from_the_peak_to_min_lr_through_the_midpoint()
    {
        var s = new LrSchedule("cosine", 1.0, 0, 1, 0.1, MinLr: 0.2);
        Assert.Equal(1.0, s.At(0, 0, 100), 12);
        Assert.Equal(0.6, s.At(50, 0, 100), 12);
        Assert.Equal(0.2, s.At(100, 0, 100), 12);
    }
}
