using MathNet.Numerics.Distributions;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// How many seeds per group would decide a comparison at a chosen power, if the true difference and spread were the
/// ones observed: the smallest n at which the two-sided t-test (paired: n - 1 degrees of freedom; unpaired: 2n - 2) at
/// α rejects with that power (exact, from the noncentral t), or, with an equivalence margin the observed difference
/// lies within, at which the two one-sided tests do (the usual approximation: the difference of two noncentral t
/// CDFs). Null when no n up to <see cref="Cap"/> reaches it (e.g. no difference observed and no margin).
/// </summary>
public static class SeedsNeeded
{
    /// <summary>The most seeds a report suggests; beyond it, null ("more than 1000").</summary>
    public const int Cap = 1000;

    /// <summary>The fewest seeds per group, and which decision they reach first ("different" or "equivalent").</summary>
    public static (int? Seeds, string? Decides) Of(Difference d, double alpha, double power, double? margin)
    {
        if (!(d.Spread > 0)) return (null, null);
        // The normal approximation n = ((z(α/2) + z(power)) · spread / |difference|)² is a first guess the exact power then checks.
        var z = Normal.InvCDF(0, 1, 1 - alpha / 2) + Normal.InvCDF(0, 1, power);
        var guess = Math.Abs(d.Mean) > 0 ? (int)Math.Min(Cap, Math.Ceiling(Math.Pow(z * d.Spread / Math.Abs(d.Mean), 2))) : 2;
        // The t-test needs at least the normal approximation's n: beyond the cap by it, beyond the cap.
        var differ = Math.Abs(d.Mean) > 0 && guess < Cap ? Smallest(n => DifferencePower(d, n, alpha), power, Refined(guess, d, alpha / 2, 1 - power, Math.Abs(d.Mean))) : null;
        // The equivalence search starts from its own normal approximation, ((z(α) + z(power)) · spread / (margin - |difference|))²
        // (z(1 - (1 - power)/2) with no difference observed): a few powers computed instead of counting up from 2.
        var equivalent = margin is { } m && Math.Abs(d.Mean) < m
            ? Smallest(n => EquivalencePower(d, n, alpha, m), power, Refined(EquivalenceGuess(d, alpha, power, m), d, alpha, d.Mean == 0 ? (1 - power) / 2 : 1 - power, m - Math.Abs(d.Mean)))
            : null;
        if (differ is null && equivalent is null) return (null, null);
        return equivalent is null || differ is not null && differ <= equivalent ? (differ, "different") : (equivalent, "equivalent");
    }

    /// <summary>Power of the two-sided t-test at n seeds per group.</summary>
    public static double DifferencePower(Difference d, int n, double alpha)
    {
        var df = Df(d, n);
        var ncp = d.Mean / (d.Spread / Math.Sqrt(n));
        var critical = TQuantile.Upper(alpha / 2, df);
        return 1 - NoncentralT.Cdf(critical, df, ncp) + NoncentralT.Cdf(-critical, df, ncp);
    }

    /// <summary>Power of the two one-sided tests within ±margin at n seeds per group (approximate).</summary>
    public static double EquivalencePower(Difference d, int n, double alpha, double margin)
    {
        var df = Df(d, n);
        var se = d.Spread / Math.Sqrt(n);
        var critical = TQuantile.Upper(alpha, df);
        return Math.Max(0, NoncentralT.Cdf(-critical, df, (d.Mean - margin) / se) - NoncentralT.Cdf(critical, df, (d.Mean + margin) / se));
    }

    private static int EquivalenceGuess(Difference d, double alpha, double power, double margin)
    {
        var z = Normal.InvCDF(0, 1, 1 - alpha) + Normal.InvCDF(0, 1, d.Mean == 0 ? 1 - (1 - power) / 2 : power);
        return (int)Math.Min(Cap, Math.Ceiling(Math.Pow(z * d.Spread / (margin - Math.Abs(d.Mean)), 2)));
    }

    // The normal guess made with t quantiles at its own degrees of freedom, a few rounds: with few seeds the t-test needs
    // several more than the normal guess, and a start one or two seeds from the answer takes two or three exact powers
    // where a far one took eight. Only where the search starts: the search itself decides.
    private static int Refined(int guess, Difference d, double tail, double powerTail, double gap)
    {
        var n = Math.Clamp(guess, 2, Cap);
        for (var round = 0; round < 3; round++)
        {
            var df = Df(d, n);
            var t = TQuantile.Upper(tail, df) + TQuantile.Upper(powerTail, df);
            var want = Math.Ceiling(Math.Pow(t * d.Spread / gap, 2));
            if (double.IsNaN(want)) break;
            var next = (int)Math.Clamp(want, 2, Cap);
            if (next == n) break;
            n = next;
        }
        return n;
    }

    private static double Df(Difference d, int n) => d.Paired ? n - 1 : 2 * n - 2;

    // Power grows with n: bracket the answer from a first guess (a miss below, a hit above; n = 1 has no test and misses),
    // then bisect.
    private static int? Smallest(Func<int, double> powerAt, double target, int guess = 2)
    {
        guess = Math.Clamp(guess, 2, Cap);
        int lo, hi;
        if (powerAt(guess) >= target)
        {
            // A hit: one seed fewer (a good guess is the answer), then down by a quarter until a miss, then bisect.
            (hi, var step) = (guess, 1);
            while (true)
            {
                lo = Math.Max(1, hi - step);
                if (lo == 1 || powerAt(lo) < target) break;
                (hi, step) = (lo, Math.Max(1, lo / 4));
            }
        }
        else
        {
            // A miss: up by 1, 2, 4, ... (the t-test needs a few seeds more than the normal guess: most answers are one or
            // two steps away, where a quarter of n was a wide bracket to bisect).
            (hi, var step) = (guess, 1);
            do
            {
                if (hi >= Cap) return null;
                lo = hi;
                hi = Math.Min(Cap, hi + step);
                step *= 2;
            } while (powerAt(hi) < target);
        }
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (powerAt(mid) >= target) hi = mid; else lo = mid;
        }
        return hi;
    }
}
