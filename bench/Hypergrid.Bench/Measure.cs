using System.Diagnostics;

namespace Hypergrid.Bench;

/// <summary>Best and median wall time of repeated runs.</summary>
public static class Measure
{
    public static (double Best, double Median) Seconds(int runs, Action setup, Action body)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            setup();
            var sw = Stopwatch.StartNew();
            body();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        return (times[0], times[times.Count / 2]);
    }

    /// <summary>The middle of the times (the upper one of an even count); NaN for none.</summary>
    public static double Median(IReadOnlyCollection<double> times) => times.Count == 0 ? double.NaN : times.Order().ElementAt(times.Count / 2);

    public static string Fmt(double seconds) => seconds < 1 ? $"{seconds * 1000:F1} ms" : $"{seconds:F2} s";
}
