using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>Tick values are round and cover the range; labels read as a person writes numbers, never "-0".</summary>
public sealed class TicksTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(0.25, "0.25")]
    [InlineData(2000, "2000")]
    [InlineData(1e-4, "10^-4")]
    [InlineData(2.5e-5, "2.5×10^-5")]
    [InlineData(300000, "3×10^5")]
    [InlineData(-1e6, "-10^6")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(5e-324, "4.94×10^-324")]
    [InlineData(1.7976931348623157e308, "1.8×10^308")]
    public void A_label_is_as_a_person_writes_the_number(double v, string label) => Assert.Equal(label, Ticks.Label(v));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3.2, 7.9)]
    [InlineData(0.31, 0.33)]
    [InlineData(1, 60000)]
    public void Linear_ticks_are_round_evenly_spaced_and_inside_the_range(double lo, double hi)
    {
        var ticks = Ticks.Linear(lo, hi);
        Assert.InRange(ticks.Count, 3, 11);
        Assert.All(ticks, t => Assert.InRange(t, lo - 1e-12, hi + 1e-12));
        var step = ticks[1] - ticks[0];
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(step, p.Second - p.First, 9));
        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1, 2, 2.5, 5 });
    }

    [Fact]
    public void Log_ticks_are_the_powers_of_ten_in_the_range() =>
        Assert.Equal([1e-3, 1e-2, 1e-1, 1], Ticks.Log(0.0005, 3));
}
