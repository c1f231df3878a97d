namespace Hypergrid.Trials.Logs;

/// <summary>
/// Means that do not overflow: a sum is kept twice, as is and scaled by 2^-64 (exact for all but subnormal values), and
/// the mean is the plain sum's unless that overflowed while every value was finite, when it is the scaled one's. So the
/// mean of two 1e308 values is 1e308, a mean with an infinity in it is that infinity, and with a NaN in it is NaN,
/// and every other mean is exactly sum / count.
/// </summary>
public static class ScaledSum
{
    /// <summary>What a value adds to the scaled sum: 2^-64 of it.</summary>
    public const double Scale = 1.0 / 18446744073709551616.0;

    /// <summary>The mean of <paramref name="count"/> values whose sum is <paramref name="sum"/> and scaled sum <paramref name="scaled"/>.</summary>
    public static double Mean(double sum, double scaled, long count) =>
        double.IsFinite(sum) || !double.IsFinite(scaled) ? sum / count : scaled / count / Scale;

    /// <summary>The mean of values (NaN for none).</summary>
    public static double Mean(IEnumerable<double> values)
    {
        double sum = 0, scaled = 0;
        long n = 0;
        foreach (var v in values) { sum += v; scaled += v * Scale; n++; }
        return n == 0 ? double.NaN : Mean(sum, scaled, n);
    }
}
