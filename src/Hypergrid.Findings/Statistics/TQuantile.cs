using MathNet.Numerics.Distributions;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// Student's t critical values for the small tail probabilities a corrected test asks for (α/m with m in the
/// thousands), where MathNet's InvCDF gives up: bisection on the lower tail P(T &lt; -t), which keeps its precision there.
/// </summary>
public static class TQuantile
{
    // A report asks the same few (tail, df) pairs for every comparison of a section: each is found once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double, double), double> Known = new();

    /// <summary>The t with P(T &gt; t) = <paramref name="tail"/> (0 &lt; tail &lt; 1) at <paramref name="df"/> degrees of freedom.</summary>
    public static double Upper(double tail, double df) =>
        // Looked up first: ConcurrentDictionary.Count takes every lock, and a report asks this thousands of times on every core.
        Known.TryGetValue((tail, df), out var known) ? known : Known.Count < 100_000 ? Known.GetOrAdd((tail, df), k => Find(k.Item1, k.Item2)) : Find(tail, df);

    private static double Find(double tail, double df)
    {
        if (tail == 0.5) return 0; // the middle (and not -Find(0.5) again, for ever)
        if (tail > 0.5) return -Find(1 - tail, df);
        double lo = 0, hi = 1;
        while (StudentT.CDF(0, 1, df, -hi) > tail && hi < 1e300) { lo = hi; hi *= 2; }
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (StudentT.CDF(0, 1, df, -mid) > tail) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
