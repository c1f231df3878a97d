namespace Hypergrid.Findings.Statistics;

/// <summary>
/// The probability of improvement P(X better than Y) (Agarwal et al., NeurIPS 2021), ties counting one half. Paired: the
/// share of seeds on which x beat y; unpaired: the share of all (x, y) pairs (the Mann-Whitney U over n·m).
/// </summary>
public static class Improvement
{
    /// <summary>Over seeds run by both (x[i] and y[i] share a seed); <paramref name="higherIsBetter"/> is the goal.</summary>
    public static double Paired(IReadOnlyList<double> x, IReadOnlyList<double> y, bool higherIsBetter)
    {
        var score = 0.0;
        for (var i = 0; i < x.Count; i++) score += Score(x[i], y[i], higherIsBetter);
        return score / x.Count;
    }

    /// <summary>Over every pair of a value of x and a value of y.</summary>
    public static double Unpaired(IReadOnlyList<double> x, IReadOnlyList<double> y, bool higherIsBetter)
    {
        var score = 0.0;
        foreach (var a in x)
            foreach (var b in y) score += Score(a, b, higherIsBetter);
        return score / ((double)x.Count * y.Count);
    }

    private static double Score(double x, double y, bool higherIsBetter) =>
        x == y ? 0.5 : (x > y) == higherIsBetter ? 1 : 0;
}
