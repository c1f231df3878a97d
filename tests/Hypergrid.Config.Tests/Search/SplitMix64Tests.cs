using Hypergrid.Config.Search;

namespace Hypergrid.Config.Tests.Search;

public class SplitMix64Tests
{
    [Fact]
    public void Its_outputs_are_those_of_the_reference_implementation()
    {
        // Vigna's splitmix64.c seeded with 1234567 (the values any port is checked against), and with 0.
        var rng = new SplitMix64(1234567);
        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL], new[] { rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64() });
        var zero = new SplitMix64(0);
        Assert.Equal([16294208416658607535UL, 7960286522194355700UL, 487617019471545679UL], new[] { zero.NextUInt64(), zero.NextUInt64(), zero.NextUInt64() });
    }

    [Fact]
    public void Streams_of_one_seed_differ_by_index_and_repeat_for_the_same_index()
    {
        var a = SplitMix64.Stream(7, 3);
        var b = SplitMix64.Stream(7, 3);
        var c = SplitMix64.Stream(7, 4);
        var d = SplitMix64.Stream(8, 3);
        var first = a.NextUInt64();
        Assert.Equal(first, b.NextUInt64());
        Assert.NotEqual(first, c.NextUInt64());
        Assert.NotEqual(first, d.NextUInt64());
    }

    [Fact]
    public void Doubles_are_in_the_unit_interval_with_mean_one_half()
    {
        var rng = new SplitMix64(42);
        var xs = Enumerable.Range(0, 20000).Select(_ => rng.NextDouble()).ToList();
        Assert.All(xs, x => Assert.InRange(x, 0.0, 0.9999999999999999));
        Assert.InRange(xs.Average(), 0.49, 0.51);
    }
}
