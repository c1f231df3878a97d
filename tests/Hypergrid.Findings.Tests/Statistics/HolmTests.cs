using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests.Statistics;

public class HolmTests
{
    [Fact]
    public void Holm_multiplies_the_ith_smallest_p_by_m_minus_i_plus_one_and_keeps_the_order_monotone()
    {
        // By hand, m = 4: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 -> max(0.06, 0.04) = 0.06.
        // Bonferroni (0.04, 0.16, 0.12, 0.02) or no running maximum (0.04 for the last) would fail.
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p!.Value, 12)));
    }

    [Fact]
    public void Holm_caps_at_one_and_leaves_untested_comparisons_out_of_m()
    {
        // m = 2 (the nulls do not count): 0.3·2 = 0.6, 0.7·1 -> 0.7; 0.6·2 would cap at 1 with m = 3.
        var adjusted = Holm.Adjust([null, 0.7, 0.3, null]);
        Assert.Null(adjusted[0]);
        Assert.Equal(0.7, adjusted[1]!.Value, 12);
        Assert.Equal(0.6, adjusted[2]!.Value, 12);
        Assert.Equal(1.0, Holm.Adjust([0.6, 0.9, 0.8])[0]);
    }
}
