using System.Globalization;

namespace Hypergrid.Dashboard.Figures;

/// <summary>Round tick values for an axis and their labels, as a reader writes numbers (0.25, 2000, 1e-4).</summary>
public static class Ticks
{
    /// <summary>About <paramref name="n"/> round values from lo to hi (1, 2, 2.5 or 5 times a power of ten apart).</summary>
    public static IReadOnlyList<double> Linear(double lo, double hi, int n = 5)
    {
        if (!(hi > lo)) return [lo];
        var raw = (hi - lo) / n;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * mag).First(s => s >= raw * (1 - 1e-9));
        var out_ = new List<double>();
        for (var v = Math.Ceiling(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out_.Add(double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        return out_;
    }

    /// <summary>The powers of ten from lo to hi (both positive); the range's ends when it spans less than a decade.</summary>
    public static IReadOnlyList<double> Log(double lo, double hi)
    {
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
            var mant = Math.Round(m, 2).ToString("0.##", CultureInfo.InvariantCulture);
            return (mant == "1" ? "" : mant == "-1" ? "-" : mant + "×") + "10^" + e.ToString(CultureInfo.InvariantCulture);
        }
        return double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.InvariantCulture);
    }
}
