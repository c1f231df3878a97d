using System.Globalization;

namespace Hypergrid.Dashboard.Figures;

/// <summary>Round tick values for an axis and their labels, as a reader writes numbers (0.25, 2000, 1e-4).</summary>
public static class Ticks
{
    /// <summary>About <paramref name="n"/> round values from lo to hi (1, 2, 2.5 or 5 times a power of ten apart).</summary>
    /// <remarks>
    /// Each tick is made from its index, never by adding the step to the one before: where the values' own spacing is
    /// larger than the step (1e16 to 1e16 + 4) an addition does nothing, and a loop of them never ended. A tick's twelve
    /// digits are given once, and only inside the range; a range no round tick fits gives its ends.
    /// </remarks>
    public static IReadOnlyList<double> Linear(double lo, double hi, int n = 5)
    {
        if (!(hi > lo)) return [lo];
        var raw = (hi / 2 - lo / 2) / n * 2; // halved first: the width of -max..max is beyond the largest double
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Steps.Select(m => m * mag).FirstOrDefault(s => s >= raw * (1 - 1e-9));
        if (!(step > 0) || !double.IsFinite(step)) return [lo, hi];
        var (first, start, end) = (Math.Ceiling(lo / step - 1e-9), lo - step * 1e-9, hi + step * 1e-9);
        var out_ = new List<double>();
        for (var i = 0; i <= 2 * n + 2; i++)
        {
            var v = (first + i) * step;
            if (!(v <= end) || !double.IsFinite(v)) break;
            var t = double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (t >= start && t <= end && (out_.Count == 0 || t > out_[^1])) out_.Add(t);
        }
        return out_.Count > 0 ? out_ : [lo, hi];
    }

    private static readonly double[] Steps = [1, 2, 2.5, 5, 10];

    /// <summary>The powers of ten from lo to hi (both positive); the range's ends when it spans less than a decade.</summary>
    public static IReadOnlyList<double> Log(double lo, double hi)
    {
        if (!(lo > 0 && hi >= lo && double.IsFinite(hi))) return []; // a log axis of something else has no decades to count
        var first = (int)Math.Ceiling(Math.Log10(lo) - 1e-9);
        var last = (int)Math.Floor(Math.Log10(hi) + 1e-9);
        if (last < first) return [lo, hi];
        var every = Math.Max(1, (last - first + 1) / 6); // at most about six labels
        return Enumerable.Range(0, last - first + 1).Where(i => i % every == 0).Select(i => Math.Pow(10, first + i)).ToList();
    }

    /// <summary>A tick's label: four significant digits at most; powers notation below 0.001 and from 100,000.</summary>
    public static string Label(double v)
    {
        if (v == 0) return "0"; // never "-0"
        var a = Math.Abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5))
        {
            var e = (int)Math.Floor(Math.Log10(a));
            var m = v / Math.Pow(10, e);
            if (!double.IsFinite(m)) m = v * 1e300 / Math.Pow(10, e + 300); // 10^e below the smallest double (denormals)
            var mant = Math.Round(m, 2).ToString("0.##", CultureInfo.InvariantCulture);
            return (mant == "1" ? "" : mant == "-1" ? "-" : mant + "×") + "10^" + e.ToString(CultureInfo.InvariantCulture);
        }
        return double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.InvariantCulture);
    }
}
