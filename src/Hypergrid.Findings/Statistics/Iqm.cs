namespace Hypergrid.Findings.Statistics;

/// <summary>
/// The interquartile mean (Agarwal et al., NeurIPS 2021): the mean of the values left after cutting floor(n/4) from each
/// end of the sorted values, as scipy.stats.trim_mean(x, 0.25) computes it (the plain mean below n = 4).
/// </summary>
public static class Iqm
{
    public static double Of(IReadOnlyList<double> x)
    {
        var sorted = x.Order().ToArray();
        var cut = x.Count / 4;
        var sum = 0.0;
        for (var i = cut; i < x.Count - cut; i++) sum += sorted[i];
        return sum / (x.Count - 2 * cut);
    }
}
